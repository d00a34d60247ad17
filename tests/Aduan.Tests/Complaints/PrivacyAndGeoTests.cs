using Aduan.Complaints;
using Aduan.Tests.Support;
using Aduan.Transparency;

namespace Aduan.Tests.Complaints;

/// <summary>Touches no database: runs once, not again on PostgreSQL (test.sh filters on this trait).</summary>
[Trait("Category", "NoDatabase")]
public sealed class PrivacyAndGeoTests
{
    [Theory]
    [InlineData(PrivacyMode.Anonymous, PrivacyMode.Public)]
    [InlineData(PrivacyMode.Confidential, PrivacyMode.Anonymous)]
    [InlineData(PrivacyMode.Confidential, PrivacyMode.Public)]
    public void Classify_LooserPrivacy_IsRefused(PrivacyMode chosen, PrivacyMode looser)
    {
        var c = ComplaintBuilder.Submitted();
        c.Handle(new ClassifyCommand(null, null, chosen, null), ComplaintBuilder.Manager, AduanFactory.Start, ComplaintBuilder.Sla());

        var ex = Assert.Throws<ComplaintRuleException>(() =>
            c.Handle(new ClassifyCommand(null, null, looser, null), ComplaintBuilder.Manager, AduanFactory.Start, ComplaintBuilder.Sla()));

        Assert.Equal("Rule.PrivacyOnlyStricter", ex.MessageKey);
        Assert.Equal(chosen, c.Privacy);
    }

    [Fact]
    public void Classify_StricterPrivacy_IsAllowed()
    {
        var c = ComplaintBuilder.Submitted(); // Public

        c.Handle(new ClassifyCommand(null, null, PrivacyMode.Confidential, null), ComplaintBuilder.Manager, AduanFactory.Start, ComplaintBuilder.Sla());

        Assert.Equal(PrivacyMode.Confidential, c.Privacy);
    }

    [Theory]
    [InlineData(-6.2383, 106.9756)] // Kota Bekasi
    [InlineData(3.5952, 98.6722)] // Medan
    [InlineData(5.8926, 95.3238)] // Sabang
    [InlineData(-0.0263, 109.3425)] // Pontianak
    [InlineData(3.3000, 117.6333)] // Tarakan
    [InlineData(4.1370, 117.6640)] // Nunukan
    [InlineData(1.1301, 104.0529)] // Batam
    [InlineData(3.9457, 108.3870)] // Natuna
    [InlineData(2.4300, 100.3300)] // Panipahan, Rokan Hilir
    [InlineData(-2.5337, 140.7181)] // Jayapura
    [InlineData(-8.4932, 140.4018)] // Merauke
    [InlineData(-10.1772, 123.6070)] // Kupang
    [InlineData(-9.1061, 124.8925)] // Atambua
    [InlineData(5.5600, 126.5800)] // Miangas
    public void InIndonesia_IndonesianPlaces_AreAccepted(double lat, double lng) => Assert.True(GeoBounds.InIndonesia(lat, lng));

    [Theory]
    [InlineData(1.2903, 103.8519)] // Singapore
    [InlineData(3.1390, 101.6869)] // Kuala Lumpur
    [InlineData(5.4141, 100.3288)] // George Town, Penang
    [InlineData(4.9031, 114.9398)] // Bandar Seri Begawan
    [InlineData(5.9804, 116.0735)] // Kota Kinabalu
    [InlineData(-8.5569, 125.5603)] // Dili
    [InlineData(52.3676, 4.9041)] // Amsterdam
    [InlineData(-6.2383, -106.9756)] // sign of the longitude lost
    [InlineData(106.9756, -6.2383)] // latitude and longitude swapped
    [InlineData(double.NaN, 106.9)]
    public void InIndonesia_ForeignOrBrokenCoordinates_AreRefused(double lat, double lng) => Assert.False(GeoBounds.InIndonesia(lat, lng));

    [Theory]
    [InlineData("Hubungi saya di 0812 3456 7890 ya", "Hubungi saya di [telepon] ya")]
    [InlineData("WA: +62-812-3456-7890.", "WA: [telepon].")]
    [InlineData("telp (021) 8895 1234 kantor", "telp [telepon] kantor")]
    [InlineData("nomor 6281234567890", "nomor [telepon]")]
    [InlineData("NIK 3275010101010001 atas nama Budi", "NIK [NIK] atas nama Budi")]
    [InlineData("NIK:3275 0101 0101 0001.", "NIK:[NIK].")]
    [InlineData("kirim ke budi.santoso@gmail.com segera", "kirim ke [email] segera")]
    [InlineData("budi (at) contoh . id", "[email]")]
    [InlineData("RT 003 RW 007, tahun 2026, Rp 150.000", "RT 003 RW 007, tahun 2026, Rp 150.000")]
    public void Mask_RealisticIndonesianText_HidesPersonalDataOnly(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataMask.Apply(input));
    }
}
