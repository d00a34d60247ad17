using System.CommandLine;
using System.Globalization;
using Aduan.Sla;
using CsvHelper;

using Aduan.Infrastructure;
namespace Aduan.Cli;

/// <summary><c>holiday list</c> and <c>holiday import FILE.csv</c>: the yearly decree of holidays and cuti bersama.</summary>
public static class HolidayCommands
{
    public static Command Build()
    {
        var holiday = new Command("holiday", "The calendar of non-working days that deadlines skip.");
        var year = new Option<int?>("--year") { Description = "Only this year." };
        var list = new Command("list", "List holidays and cuti bersama.") { year };
        list.SetAction((parse, ct) => AduanCli.WithServices(async (sp, token) =>
        {
            if (parse.GetValue(year) is { } y && !HolidayCalendar.IsSupportedYear(y))
            {
                await Console.Error.WriteLineAsync("--year must be 2000 to 2100.");
                return 1;
            }

            var days = await sp.GetRequiredService<HolidayCalendar>().ListAsync(parse.GetValue(year), token);
            foreach (var d in days)
            {
                Console.WriteLine($"{HolidayCalendar.Iso(d.Date)}  {HolidayCalendar.KindName(d.Kind),-12}  {d.Name}");
            }

            Console.WriteLine($"{days.Count} days.");
            return 0;
        }, ct));
        holiday.Subcommands.Add(list);

        var file = new Argument<FileInfo>("file") { Description = "CSV with the header date,kind,name (kind: holiday or cuti_bersama), like Data/Seed/holidays-id-2026.csv." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and show what would change, without saving." };
        var import = new Command("import", "Add or correct the days listed in a CSV file.") { file, dryRun };
        import.SetAction((parse, ct) => AduanCli.WithServices((sp, token) =>
            ImportAsync(sp.GetRequiredService<HolidayCalendar>(), parse.GetValue(file)!, parse.GetValue(dryRun), token), ct));
        holiday.Subcommands.Add(import);
        return holiday;
    }

    private static async Task<int> ImportAsync(HolidayCalendar calendar, FileInfo file, bool dryRun, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"No such file: {file.FullName}");
            return 1;
        }

        var rows = new List<(DateOnly Date, HolidayKind Kind, string Name)>();
        var errors = new List<string>();
        using (var reader = new StreamReader(file.FullName))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            while (await csv.ReadAsync())
            {
                var line = csv.Parser.Row;
                var ok = Dates.TryParseIso(csv.GetField("date"), out var date)
                    && HolidayCalendar.IsSupportedYear(date.Year);
                var kindOk = HolidayCalendar.TryParseKind(csv.GetField("kind"), out var kind);
                var name = csv.GetField("name")?.Trim();
                if (!ok || !kindOk || string.IsNullOrEmpty(name))
                {
                    errors.Add($"line {line}: expected date (yyyy-MM-dd), kind (holiday|cuti_bersama) and a name");
                    continue;
                }

                rows.Add((date, kind, name));
            }
        }

        if (errors.Count > 0)
        {
            // All or nothing: a half-imported decree would give wrong deadlines.
            errors.ForEach(Console.Error.WriteLine);
            await Console.Error.WriteLineAsync($"Nothing imported: {errors.Count} bad rows.");
            return 1;
        }

        if (dryRun)
        {
            rows.ForEach(r => Console.WriteLine($"would set {HolidayCalendar.Iso(r.Date)}  {HolidayCalendar.KindName(r.Kind),-12}  {r.Name}"));
            Console.WriteLine($"Dry run: {rows.Count} days checked, nothing saved.");
            return 0;
        }

        var added = await calendar.SetManyAsync(rows, "cli:" + Environment.UserName, null, ct);
        Console.WriteLine($"Imported {rows.Count} days ({added} new, {rows.Count - added} corrected).");
        return 0;
    }
}
