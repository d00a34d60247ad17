using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aduan.Bench.Hosting;
using Aduan.Bench.Load;
using Aduan.Bench.Scale;

namespace Aduan.Bench.Lookup;

/// <summary>
/// Some of the lookup's reports published, as a manager publishes them: verified with a category, which dispatches them
/// to its agency. The register's report page <c>/laporan/{code}</c> shows only published reports; a Confidential one
/// stays unpublished whatever is done, so the codes returned are those whose page answers.
/// </summary>
public static class Publishing
{
    private const string Manager = "bench-publisher";

    public static async Task<List<string>> PublishAsync(string appDll, IReadOnlyDictionary<string, string> environment, AppInstance app,
        IReadOnlyList<string> codes, int count, CancellationToken ct)
    {
        Console.WriteLine($"==> publishing up to {count} of the reports (verified with a category by a manager), for /laporan/{{code}}");
        using var client = LoadRunner.NewClient(app.BaseAddress);
        string token;
        try
        {
            await AppInstance.CliAsync(appDll, environment, ct, "user", "add", Manager, "--role", "Manager", "--password", ScaleQueries.Password);
            token = await ScaleQueries.LoginAsync(client, Manager, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            // The report page is one more figure: without a manager the run goes on without it.
            Console.WriteLine("    no manager to publish with, /laporan/{code} left out: " + e.Message);
            return [];
        }

        var published = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(codes.Take(count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (code, t) =>
        {
            using var verify = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/staff/complaints/{code}/transitions", UriKind.Relative))
            {
                Content = JsonContent.Create(new { action = "verify", category = "JALAN" }),
            };
            verify.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var verified = await client.SendAsync(verify, t);
            if (!verified.IsSuccessStatusCode)
            {
                refused.Add($"{(int)verified.StatusCode} {await verified.Content.ReadAsStringAsync(t)}");
                return;
            }

            using var page = await client.GetAsync(new Uri("/laporan/" + code, UriKind.Relative), t);
            if (page.StatusCode == HttpStatusCode.OK)
            {
                published.Add(code);
            }
        });

        Console.WriteLine($"    {published.Count} published; {refused.Count} refused{(refused.IsEmpty ? "" : " (" + refused.First() + ")")}; the others are Confidential");
        return [.. published];
    }
}
