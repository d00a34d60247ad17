namespace Aduan.Categories;

public static class CategoriesSetup
{
    public static IServiceCollection AddCategories(this IServiceCollection services) => services.AddScoped<CategoryCatalog>();
}
