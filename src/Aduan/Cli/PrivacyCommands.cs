using System.CommandLine;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Privacy;
using Aduan.Resources;
using Microsoft.Extensions.Localization;

namespace Aduan.Cli;

/// <summary><c>privacy export|erase SUBJECT</c>: access and erasure requests (UU No. 27/2022), audited like the page.</summary>
public static class PrivacyCommands
{
    public static Command Build()
    {
        var privacy = new Command("privacy", "Access and erasure requests for a reporter's phone number or e-mail address.");

        var subject = new Argument<string>("subject") { Description = "A phone number (any usual spelling, e.g. 0812 3456 7890) or an e-mail address." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the JSON to this file instead of standard output." };
        var export = new Command("export", "Everything held about the phone number or e-mail address, as JSON.") { subject, output };
        export.SetAction((parse, ct) => AduanCli.WithServices((sp, token) =>
            ExportAsync(sp, parse.GetValue(subject)!, parse.GetValue(output), token), ct));
        privacy.Subcommands.Add(export);

        var who = new Argument<string>("subject") { Description = "A phone number or an e-mail address." };
        var yes = new Option<bool>("--yes") { Description = "Erase; without it, only list the reports that would be changed." };
        var erase = new Command("erase", "Erase the name, phone and e-mail from every report whose contact this is; the reports stay.") { who, yes };
        erase.SetAction((parse, ct) => AduanCli.WithServices((sp, token) =>
            EraseAsync(sp, parse.GetValue(who)!, parse.GetValue(yes), token), ct));
        privacy.Subcommands.Add(erase);
        return privacy;
    }

    private static Actor CliActor => new(ActorKind.Staff, null, "cli:" + Environment.UserName);

    private static async Task<int> ExportAsync(IServiceProvider sp, string typed, FileInfo? output, CancellationToken ct)
    {
        if (Parse(sp, typed) is not { } subject)
        {
            return 1;
        }

        var export = await sp.GetRequiredService<PersonalDataRequests>().ExportAsync(subject, CliActor, sp.GetRequiredService<TimeProvider>().Now(), ct);
        var json = JsonSerializer.Serialize(export, PersonalDataRequests.Json);
        if (output is null)
        {
            Console.WriteLine(json);
        }
        else
        {
            await File.WriteAllTextAsync(output.FullName, json, ct);
            Console.WriteLine($"Wrote {export.Reports.Count} reports to {output.FullName}.");
        }

        return 0;
    }

    private static async Task<int> EraseAsync(IServiceProvider sp, string typed, bool yes, CancellationToken ct)
    {
        if (Parse(sp, typed) is not { } subject)
        {
            return 1;
        }

        var requests = sp.GetRequiredService<PersonalDataRequests>();
        var held = await requests.FindAsync(subject, ct);
        if (held.Count == 0)
        {
            Console.WriteLine("No report holds this contact.");
            return 0;
        }

        if (!yes)
        {
            Console.WriteLine($"{held.Count} reports hold this contact: {string.Join(' ', held.Select(h => h.TrackingCode))}");
            Console.WriteLine("Nothing erased. Add --yes to erase their contact details (the reports stay).");
            return 1;
        }

        var erased = await requests.EraseAsync(subject, CliActor, ct);
        Console.WriteLine($"Erased the contact details of {erased.Count} reports: {string.Join(' ', erased)}");
        return 0;
    }

    private static DataSubject? Parse(IServiceProvider sp, string typed)
    {
        var v = new Validation(sp.GetRequiredService<IStringLocalizer<SharedResource>>());
        var subject = DataSubject.Parse(typed, v);
        if (subject is null)
        {
            Console.Error.WriteLine("Not a phone number or e-mail address: " + string.Join(" ", v.Errors.Values.SelectMany(e => e)));
        }

        return subject;
    }
}
