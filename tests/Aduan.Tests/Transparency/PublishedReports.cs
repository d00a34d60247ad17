using Aduan.Identity;
using Aduan.Tests.Support;

namespace Aduan.Tests.Transparency;

/// <summary>Builds reports in the states the public side cares about, through the JSON API as citizens and staff would.</summary>
public sealed class PublishedReports(AduanFactory app)
{
    /// <summary>A follow-up as officers type it: a name, a phone number, a NIK, an e-mail and a house address.</summary>
    public const string FollowUpText =
        "Sudah diperbaiki. Info lanjut Pak Joko 0812 3456 7890 / +62-813-1111-2222, NIK 3275010101010001, joko@contoh.id, rumah Jl. Melati No. 12 RT 03/RW 05.";

    public const string MaskedFollowUpText =
        "Sudah diperbaiki. Info lanjut Pak [nama] [telepon] / [telepon], NIK [NIK], [email], rumah Jl. Melati [alamat].";

    private HttpClient? _citizen;

    /// <summary>Submitted by Siti Aminah (0812-3456-7890), dispatched to DBMSDA and, unless told otherwise, followed up.</summary>
    public async Task<string> CreateAsync(string text, string privacy = "Public", string category = "JALAN",
        string kecamatan = "Bekasi Timur", bool dispatch = true, string? followUp = FollowUpText)
    {
        _citizen ??= app.CreateClient();
        // New sign-ins each time: a test may have moved the clock past a token's lifetime.
        using var manager = await app.StaffClientAsync(Roles.Manager);
        using var officer = await app.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        var created = await _citizen.SubmitAsync(TestApi.Report(text: text, category: category, privacy: privacy,
            location: new { address = "Jl. Margahayu No. 5 RT 01/RW 02", kecamatan, lat = -6.244123, lng = 107.010456 }));
        if (dispatch)
        {
            await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch", agency = "DBMSDA" });
            if (followUp is not null)
            {
                await officer.ActOkAsync(created.TrackingCode, new { action = "follow-up", text = followUp, final = false });
            }
        }

        return created.TrackingCode;
    }
}
