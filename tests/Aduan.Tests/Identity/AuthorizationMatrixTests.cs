using System.Net;
using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Tests.Support;

namespace Aduan.Tests.Identity;

/// <summary>Staff users of every role, some in the report's lead agency, its copy agency, or another agency.</summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    public AduanFactory Factory { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        Clients["Anonymous"] = Factory.CreateClient();
        foreach (var role in new[] { "Operator", "Manager", "Leadership", "Admin" })
        {
            Clients[role] = await Factory.StaffClientAsync(role);
        }

        Clients["OfficerOwn"] = await Factory.StaffClientAsync("AgencyOfficer", "DBMSDA");
        Clients["HeadOwn"] = await Factory.StaffClientAsync("AgencyHead", "DBMSDA");
        Clients["OfficerCopy"] = await Factory.StaffClientAsync("AgencyOfficer", "DISHUB");
        Clients["OfficerOther"] = await Factory.StaffClientAsync("AgencyOfficer", "DINKES");
        Clients["UrcOwn"] = await Factory.StaffClientAsync("Urc", "DBMSDA");
        Clients["UrcOther"] = await Factory.StaffClientAsync("Urc", "DINKES");
    }

    /// <summary>A report dispatched to DBMSDA (lead) with a copy to DISHUB; urgent if asked.</summary>
    public async Task<string> DispatchedAsync(string privacy = "Public", bool urgent = false)
    {
        var created = await Clients["Anonymous"].SubmitAsync(TestApi.Report(privacy: privacy));
        var manager = Clients["Manager"];
        if (urgent)
        {
            await manager.ActOkAsync(created.TrackingCode, new { action = "classify", priority = "Urgent" });
        }

        await manager.ActOkAsync(created.TrackingCode, new { action = "dispatch", agency = "DBMSDA", copies = new[] { "DISHUB" } });
        return created.TrackingCode;
    }

    public async Task<string> SubmittedAsync() => (await Clients["Anonymous"].SubmitAsync()).TrackingCode;

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class AuthorizationMatrixTests(MatrixFixture fx) : IClassFixture<MatrixFixture>
{
    public static TheoryData<string, HttpStatusCode> ListCases => new()
    {
        { "Anonymous", HttpStatusCode.Unauthorized },
        { "Admin", HttpStatusCode.Forbidden },
        { "Operator", HttpStatusCode.OK },
        { "Manager", HttpStatusCode.OK },
        { "Leadership", HttpStatusCode.OK },
        { "OfficerOwn", HttpStatusCode.OK },
        { "HeadOwn", HttpStatusCode.OK },
        { "UrcOwn", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(ListCases))]
    public async Task List_ByRole_ReturnsExpectedStatus(string actor, HttpStatusCode expected)
    {
        var response = await fx.Clients[actor].GetAsync("/api/v1/staff/complaints");

        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>target: "normal" (lead DBMSDA, copy DISHUB), "urgent" (same, urgent), "submitted" (not yet dispatched).</summary>
    public static TheoryData<string, string, HttpStatusCode> DetailCases => new()
    {
        { "Anonymous", "normal", HttpStatusCode.Unauthorized },
        { "Admin", "normal", HttpStatusCode.Forbidden },
        { "Operator", "normal", HttpStatusCode.OK },
        { "Manager", "normal", HttpStatusCode.OK },
        { "Leadership", "normal", HttpStatusCode.OK },
        { "OfficerOwn", "normal", HttpStatusCode.OK },
        { "HeadOwn", "normal", HttpStatusCode.OK },
        { "OfficerCopy", "normal", HttpStatusCode.OK },
        { "OfficerOther", "normal", HttpStatusCode.NotFound },
        { "UrcOwn", "normal", HttpStatusCode.NotFound },
        { "UrcOwn", "urgent", HttpStatusCode.OK },
        { "UrcOther", "urgent", HttpStatusCode.NotFound },
        { "OfficerOwn", "submitted", HttpStatusCode.NotFound },
        { "Operator", "submitted", HttpStatusCode.OK },
        { "Manager", "submitted", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(DetailCases))]
    public async Task Detail_ByRoleAndAgency_ReturnsExpectedStatus(string actor, string target, HttpStatusCode expected)
    {
        var code = await TargetAsync(target);

        var response = await fx.Clients[actor].GetAsync($"/api/v1/staff/complaints/{code}");

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string, string, string, HttpStatusCode> ActionCases => new()
    {
        { "Anonymous", "normal", "acknowledge", HttpStatusCode.Unauthorized },
        { "Admin", "normal", "acknowledge", HttpStatusCode.Forbidden },
        { "Operator", "normal", "acknowledge", HttpStatusCode.Forbidden },
        { "Leadership", "normal", "acknowledge", HttpStatusCode.Forbidden },
        { "Manager", "normal", "acknowledge", HttpStatusCode.Forbidden },
        { "OfficerOwn", "normal", "acknowledge", HttpStatusCode.OK },
        { "HeadOwn", "normal", "acknowledge", HttpStatusCode.OK },
        { "OfficerCopy", "normal", "acknowledge", HttpStatusCode.Forbidden },
        { "OfficerOther", "normal", "acknowledge", HttpStatusCode.NotFound },
        { "UrcOwn", "normal", "acknowledge", HttpStatusCode.NotFound },
        { "UrcOwn", "urgent", "acknowledge", HttpStatusCode.OK },
        { "UrcOther", "urgent", "acknowledge", HttpStatusCode.NotFound },
        { "OfficerOwn", "normal", "follow-up", HttpStatusCode.OK },
        { "HeadOwn", "normal", "follow-up", HttpStatusCode.OK },
        { "UrcOwn", "urgent", "follow-up", HttpStatusCode.OK },
        { "Manager", "normal", "follow-up", HttpStatusCode.Forbidden },
        { "OfficerCopy", "normal", "follow-up", HttpStatusCode.Forbidden },
        { "OfficerOwn", "normal", "forward", HttpStatusCode.OK },
        { "Manager", "normal", "forward", HttpStatusCode.OK },
        { "OfficerCopy", "normal", "forward", HttpStatusCode.Forbidden },
        { "UrcOwn", "urgent", "forward", HttpStatusCode.Forbidden },
        { "Manager", "submitted", "dispatch", HttpStatusCode.OK },
        { "Operator", "submitted", "dispatch", HttpStatusCode.Forbidden },
        { "Leadership", "submitted", "dispatch", HttpStatusCode.Forbidden },
        { "OfficerOwn", "submitted", "dispatch", HttpStatusCode.NotFound },
        { "Manager", "submitted", "archive", HttpStatusCode.OK },
        { "Operator", "submitted", "archive", HttpStatusCode.Forbidden },
        { "OfficerOwn", "normal", "classify", HttpStatusCode.Forbidden },
        { "Manager", "normal", "classify", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(ActionCases))]
    public async Task Transition_ByRoleAndAgency_ReturnsExpectedStatus(string actor, string target, string action, HttpStatusCode expected)
    {
        var code = await TargetAsync(target);
        object body = action switch
        {
            "follow-up" => new { action, text = "Tim sudah ke lokasi.", final = false },
            "forward" => new { action, agency = "DLH", reason = "Saluran tersumbat sampah." },
            "dispatch" => new { action, agency = "DBMSDA" },
            "archive" => new { action, reason = "Ganda" },
            "classify" => new { action, privacy = "Confidential" },
            _ => new { action },
        };

        var response = await fx.Clients[actor].ActAsync(code, body);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            var manager = await fx.Clients["Manager"].GetFromJsonAsync<StaffComplaintView>($"/api/v1/staff/complaints/{code}", TestApi.Json);
            Assert.Equal(target == "submitted" ? "Submitted" : "Dispatched", manager!.Status); // nothing changed
        }
    }

    private static readonly string[] ManagerActions =
        ["classify", "defer", "archive", "refer", "merge", "dispatch", "forward", "reject-follow-up", "resolve", "reopen"];

    private static readonly string[] AgencyActions = ["acknowledge", "forward", "follow-up"];

    /// <summary>Every staff actor × every staff action, each on a report in a state where the action is legal.</summary>
    public static TheoryData<string, string> EveryActorAndAction()
    {
        var data = new TheoryData<string, string>();
        foreach (var actor in new[] { "Operator", "Leadership", "Admin", "Manager", "OfficerOwn", "HeadOwn", "OfficerCopy", "OfficerOther", "UrcOwn" })
        {
            foreach (var action in ManagerActions.Union(AgencyActions))
            {
                data.Add(actor, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActorAndAction))]
    public async Task Transition_EveryActorAndAction_IsAllowedOnlyAsDesigned(string actor, string action)
    {
        var (code, body, dispatched) = await LegalTargetAsync(action);

        var response = await fx.Clients[actor].ActAsync(code, body);

        // DESIGN.md: city-wide roles see everything; an agency sees reports dispatched or copied to it;
        // URC only urgent ones; the manager verifies, the lead agency follows up; Admin does no casework.
        var sees = actor switch
        {
            "Operator" or "Leadership" or "Manager" => true,
            "OfficerOwn" or "HeadOwn" or "OfficerCopy" => dispatched,
            _ => false,
        };
        var may = actor switch
        {
            "Manager" => ManagerActions.Contains(action),
            "OfficerOwn" or "HeadOwn" => AgencyActions.Contains(action),
            _ => false,
        };
        var expected = actor == "Admin" ? HttpStatusCode.Forbidden
            : !sees ? HttpStatusCode.NotFound
            : may ? HttpStatusCode.OK
            : HttpStatusCode.Forbidden;
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>A fresh report where <paramref name="action"/> is legal, and a body that is valid for it.</summary>
    private async Task<(string Code, object Body, bool Dispatched)> LegalTargetAsync(string action)
    {
        var manager = fx.Clients["Manager"];
        var officer = fx.Clients["OfficerOwn"];
        switch (action)
        {
            case "defer" or "archive" or "refer" or "merge" or "dispatch":
                var code = await fx.SubmittedAsync();
                object body = action switch
                {
                    "defer" => new { action, question = "Di mana tepatnya?" },
                    "merge" => new { action, primary = await fx.SubmittedAsync() },
                    "dispatch" => new { action, agency = "DBMSDA" },
                    _ => new { action, reason = "Alasan uji" },
                };
                return (code, body, false);
            case "reject-follow-up" or "resolve" or "reopen":
                var done = await fx.DispatchedAsync();
                await officer.ActOkAsync(done, new { action = "follow-up", text = "Selesai.", final = true });
                if (action == "reopen")
                {
                    await manager.ActOkAsync(done, new { action = "resolve" });
                }

                return (done, action == "resolve" ? new { action } : new { action, reason = "Alasan uji" }, true);
            default:
                var dispatched = await fx.DispatchedAsync();
                return (dispatched, action switch
                {
                    "classify" => new { action, priority = "High" },
                    "forward" => new { action, agency = "DLH", reason = "Saluran tersumbat sampah." },
                    "follow-up" => new { action, text = "Tim di lokasi.", final = false },
                    _ => (object)new { action },
                }, true);
        }
    }

    [Theory]
    [InlineData("Manager", "GET")]
    [InlineData("Leadership", "DELETE")]
    [InlineData("OfficerOwn", "GET")]
    [InlineData("Operator", "DELETE")]
    public async Task Holidays_NonAdmin_Returns403(string actor, string method)
    {
        var path = method == "GET" ? "/api/v1/admin/holidays?year=2026" : "/api/v1/admin/holidays/2026-12-25";

        var response = await fx.Clients[actor].SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string, string, bool> ReporterCases => new()
    {
        { "Manager", "Anonymous", true },
        { "Manager", "Confidential", true },
        { "OfficerOwn", "Public", true },
        { "OfficerOwn", "Anonymous", false },
        { "OfficerOwn", "Confidential", false },
        { "HeadOwn", "Confidential", false },
        { "OfficerCopy", "Anonymous", false },
        { "Operator", "Anonymous", false },
        { "Leadership", "Confidential", false },
    };

    [Theory]
    [MemberData(nameof(ReporterCases))]
    public async Task Detail_Reporter_ShownOnlyAsPrivacyModeAllows(string actor, string privacy, bool visible)
    {
        var code = await fx.DispatchedAsync(privacy);

        var raw = await fx.Clients[actor].GetStringAsync($"/api/v1/staff/complaints/{code}");

        var view = System.Text.Json.JsonSerializer.Deserialize<StaffComplaintView>(raw, TestApi.Json)!;
        Assert.Equal(visible, view.Reporter is not null);
        Assert.Equal(!visible, view.ReporterHidden);
        if (!visible)
        {
            Assert.DoesNotContain("Siti", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("6281234567890", raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_Officer_SeesOnlyOwnAgencyReports()
    {
        var own = await fx.DispatchedAsync();
        var submitted = await fx.SubmittedAsync();

        var ownList = await ListCodesAsync("OfficerOwn");
        var copyList = await ListCodesAsync("OfficerCopy");
        var otherList = await ListCodesAsync("OfficerOther");

        Assert.Contains(own, ownList);
        Assert.DoesNotContain(submitted, ownList);
        Assert.Contains(own, copyList);
        Assert.DoesNotContain(own, otherList);
    }

    [Fact]
    public async Task List_Urc_SeesOnlyUrgentReportsOfItsAgency()
    {
        var normal = await fx.DispatchedAsync();
        var urgent = await fx.DispatchedAsync(urgent: true);

        var urc = await ListCodesAsync("UrcOwn");

        Assert.Contains(urgent, urc);
        Assert.DoesNotContain(normal, urc);
        Assert.DoesNotContain(urgent, await ListCodesAsync("UrcOther"));
    }

    [Fact]
    public async Task Me_ReturnsRolesAndAgency()
    {
        var me = await fx.Clients["OfficerOwn"].GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/auth/me");

        Assert.Equal("DBMSDA", me.GetProperty("agency").GetString());
        Assert.Equal("AgencyOfficer", me.GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Clients["Anonymous"].GetAsync("/api/v1/auth/me")).StatusCode);
    }

    private async Task<List<string>> ListCodesAsync(string actor)
    {
        var page = await fx.Clients[actor].GetFromJsonAsync<PagedList<StaffComplaintListItem>>("/api/v1/staff/complaints?pageSize=100", TestApi.Json);
        return page!.Items.Select(i => i.TrackingCode).ToList();
    }

    private Task<string> TargetAsync(string target) => target switch
    {
        "normal" => fx.DispatchedAsync(),
        "urgent" => fx.DispatchedAsync(urgent: true),
        _ => fx.SubmittedAsync(),
    };
}
