using System.Globalization;
using Aduan.Resources;
using Aduan.Web;
using Microsoft.Extensions.Localization;

namespace Aduan.Tests.Web;

/// <summary>How times read on the pages. No database.</summary>
[Trait("Category", "NoDatabase")]
public sealed class DisplayTests
{
    [Fact]
    public void Deadline_AtMidnight_IsTheEndOfTheDayBefore_OtherwiseTheTime()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        try
        {
            var midnight = new DateTimeOffset(2026, 12, 18, 0, 0, 0, TimeSpan.FromHours(7));
            var afternoon = new DateTimeOffset(2026, 12, 18, 14, 30, 0, TimeSpan.FromHours(7));

            Assert.Equal("17 Des 2026, akhir hari", Display.Deadline(new Formatting(), midnight));
            Assert.Equal("18 Des 2026 14.30 WIB", Display.Deadline(new Formatting(), afternoon.ToUniversalTime()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>The one text this test needs, formatted as the resource is.</summary>
    private sealed class Formatting : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, name == "Due.EndOfDay" ? string.Format(CultureInfo.InvariantCulture, "{0}, akhir hari", arguments) : name);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
