using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Tests.Support;

/// <summary>Messages are their keys: the tests check which rule refused.</summary>
public sealed class KeyLocalizer : IStringLocalizer<SharedResource>
{
    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, name);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
