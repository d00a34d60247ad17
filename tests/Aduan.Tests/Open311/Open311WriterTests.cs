using System.Text.Json;
using System.Xml.Linq;
using Aduan.Complaints;
using Aduan.Open311;

namespace Aduan.Tests.Open311;

/// <summary>The mapping and the writer without HTTP: what the federation's client will reuse.</summary>
[Trait("Category", "NoDatabase")]
public sealed class Open311WriterTests
{
    [Fact]
    public async Task Definition_EveryDatatype_WrittenAsTheSpecShowsInBothFormats()
    {
        var fields = Open311Mapping.Datatypes.Select((type, i) => new Open311Field("f" + i, type, i == 0, "Isi <b>&amp;</b> \"kutip\"", i + 1,
            Values: type.EndsWith("valuelist", StringComparison.Ordinal) ? [("1", "Satu"), ("2", "Dua")] : null)).ToList();
        var document = Open311Mapping.Definition("JALAN", fields);

        var xml = XDocument.Parse(await WriteAsync(document, Open311Format.Xml));
        var json = JsonDocument.Parse(await WriteAsync(document, Open311Format.Json)).RootElement;

        var attributes = xml.Root!.Element("attributes")!.Elements("attribute").ToList();
        Assert.Equal(Open311Mapping.Datatypes, attributes.Select(a => a.Element("datatype")!.Value));
        Assert.Equal("Isi <b>&amp;</b> \"kutip\"", attributes[0].Element("description")!.Value);
        Assert.Equal(["Satu", "Dua"], attributes[4].Element("values")!.Elements("value").Select(v => v.Element("name")!.Value));
        Assert.Null(attributes[0].Element("values"));
        Assert.Equal(6, json.GetProperty("attributes").GetArrayLength());
        Assert.Equal(JsonValueKind.True, json.GetProperty("attributes")[0].GetProperty("required").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("attributes")[0].GetProperty("datatype_description").ValueKind);
        Assert.Equal("2", json.GetProperty("attributes")[5].GetProperty("values")[1].GetProperty("key").GetString());
    }

    [Theory]
    [InlineData(ComplaintStatus.Dispatched, "open", "INVESTIGATING")]
    [InlineData(ComplaintStatus.InProgress, "open", "IN_PROGRESS")]
    [InlineData(ComplaintStatus.FollowedUp, "open", "FIXED")]
    [InlineData(ComplaintStatus.Resolved, "closed", "FIXED")]
    [InlineData(ComplaintStatus.Referred, "closed", "NOT_COUNCILS_RESPONSIBILITY")]
    [InlineData(ComplaintStatus.Merged, "closed", "DUPLICATE")]
    [InlineData(ComplaintStatus.Archived, "closed", "NO_FURTHER_ACTION")]
    [InlineData(ComplaintStatus.Submitted, "open", "OPEN")]
    public void Status_EachState_OpenOrClosedAndFixMyStreetsStatus(ComplaintStatus status, string open311, string fixMyStreet)
    {
        Assert.Equal(open311, Open311Mapping.Status(status));
        Assert.Equal(fixMyStreet, Open311Mapping.ExtendedStatus(status));
    }

    [Theory]
    [InlineData("-6.238270", -6.23827)]
    [InlineData("-6,238270", -6.23827)]
    [InlineData(" 106.975573 ", 106.975573)]
    public void TryCoordinate_PointOrSingleComma_ReadInvariant(string text, double expected)
    {
        Assert.True(Open311Form.TryCoordinate(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,234,5")]
    [InlineData("1.234,5")]
    [InlineData("NaN")]
    [InlineData("utara")]
    public void TryCoordinate_NotOneNumber_Refused(string text) => Assert.False(Open311Form.TryCoordinate(text, out _));

    [Fact]
    public void Instant_AnyOffset_WrittenInWib() =>
        Assert.Equal("2026-06-02T10:00:00+07:00", Open311Writer.Instant(new DateTimeOffset(2026, 6, 2, 3, 0, 0, TimeSpan.Zero)));

    private static async Task<string> WriteAsync(Open311Node document, Open311Format format)
    {
        using var stream = new MemoryStream();
        await Open311Writer.WriteAsync(stream, document, format, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
