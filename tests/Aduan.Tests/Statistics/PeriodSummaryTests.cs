using System.Globalization;
using Aduan.Resources;
using Aduan.Statistics;
using Aduan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aduan.Tests.Statistics;

/// <summary>The period paragraph ranks where the reports went and, where that differs, who followed up, as the city's release does.</summary>
public sealed class PeriodSummaryTests(AduanFactory app) : IClassFixture<AduanFactory>
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    private string Write(PeriodNumbers numbers)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Indonesian;
        try
        {
            return PeriodSummary.Write(numbers, app.Services.GetRequiredService<IStringLocalizer<SharedResource>>(), Indonesian);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static PeriodNumbers Numbers(params Count[] agencies) => new(
        new Period(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 15)), agencies.Sum(a => a.Received), agencies.Sum(a => a.FollowedUp), 0,
        agencies, [], []);

    [Fact]
    public void Write_FollowedUpRankedOtherwiseThanReceived_NamesBothRankings()
    {
        var text = Write(Numbers(
            new Count("DINKES", "Dinas Kesehatan", 22, 9),
            new Count("DISDUKCAPIL", "Disdukcapil", 14, 12),
            new Count("BAPENDA", "Bapenda", 8, 8),
            new Count("DISHUB", "Dishub", 5, 1),
            new Count("DLH", "DLH", 3, 3)));

        Assert.Contains("Pengaduan terbanyak ditujukan kepada Dinas Kesehatan sebanyak 22 pengaduan, disusul Disdukcapil sebanyak 14 " +
            "pengaduan dan Bapenda sebanyak 8 pengaduan, sedangkan 8 pengaduan lainnya tersebar di perangkat daerah lain.", text,
            StringComparison.Ordinal);
        Assert.Contains("Tindak lanjut terbanyak dilakukan oleh Disdukcapil sebanyak 12 pengaduan, disusul Dinas Kesehatan sebanyak 9 " +
            "pengaduan dan Bapenda sebanyak 8 pengaduan, sedangkan 4 pengaduan lainnya ditindaklanjuti perangkat daerah lain.", text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EveryAgencyFollowedUpAllItReceived_OneRanking()
    {
        var text = Write(Numbers(new Count("DINKES", "Dinas Kesehatan", 19, 19), new Count("BAPENDA", "Bapenda", 6, 6)));

        Assert.Contains("Pengaduan terbanyak ditujukan kepada Dinas Kesehatan sebanyak 19 pengaduan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tindak lanjut terbanyak", text, StringComparison.Ordinal);
    }
}
