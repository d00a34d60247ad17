using System.CommandLine;
using Aduan.Data;
using Aduan.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Cli;

/// <summary><c>user add|list|disable|enable</c>: staff accounts from the command line.</summary>
public static class UserCommands
{
    public static Command Build()
    {
        var user = new Command("user", "Manage staff accounts.");
        var name = new Argument<string>("name") { Description = "The user name to sign in with." };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Roles.All), Required = true };
        var agency = new Option<string?>("--agency") { Description = "Agency code; required for AgencyOfficer, AgencyHead and Urc." };
        var password = new Option<string?>("--password") { Description = "The password; without it, the first line of standard input." };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown to colleagues (default: the user name)." };
        var add = new Command("add", "Create a staff user with one role.") { name, role, agency, password, displayName };
        add.SetAction((parse, ct) => AduanCli.WithServices((sp, token) => AddAsync(sp,
            parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(agency), parse.GetValue(password), parse.GetValue(displayName), token), ct));
        user.Subcommands.Add(add);

        foreach (var (word, disable) in new[] { ("disable", true), ("enable", false) })
        {
            var who = new Argument<string>("name") { Description = "The user name." };
            var command = new Command(word, disable
                ? "Disable a user at once: sign-in and existing tokens stop working."
                : "Enable a disabled user again.") { who };
            command.SetAction((parse, ct) => AduanCli.WithServices((sp, _) => SetEnabledAsync(sp, parse.GetValue(who)!, !disable), ct));
            user.Subcommands.Add(command);
        }

        var list = new Command("list", "List staff users with their roles and agencies.");
        list.SetAction((_, ct) => AduanCli.WithServices(ListAsync, ct));
        user.Subcommands.Add(list);
        return user;
    }

    private static async Task<int> AddAsync(IServiceProvider sp, string userName, string roleName, string? agencyCode,
        string? password, string? displayName, CancellationToken ct)
    {
        var accounts = sp.GetRequiredService<StaffAccounts>();
        var check = await accounts.CheckAsync(roleName, agencyCode, ct);
        if (check.Assignment is not { } assignment)
        {
            return Fail(await DescribeAsync(sp, check.Error!.Value, roleName, agencyCode, ct));
        }

        password ??= await Console.In.ReadLineAsync(ct);
        if (string.IsNullOrEmpty(password))
        {
            return Fail("No password: give --password or type it on standard input.");
        }

        var created = await accounts.CreateAsync(userName, displayName ?? userName, assignment, password, CliActor, null, ct);
        if (!created.Succeeded)
        {
            return Fail("Could not create the user: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        Console.WriteLine($"Created user {userName} ({assignment.Role}{(assignment.AgencyCode is null ? "" : ", " + assignment.AgencyCode)}).");
        return 0;
    }

    private static async Task<string> DescribeAsync(IServiceProvider sp, AssignmentError error, string role, string? agencyCode, CancellationToken ct) =>
        error switch
        {
            AssignmentError.UnknownRole => $"Unknown role '{role}'. Choose one of: {string.Join(", ", Roles.All)}.",
            AssignmentError.AgencyRequired => $"Role {Roles.Normalize(role)} belongs to one agency: add --agency CODE (see GET /api/v1/agencies).",
            AssignmentError.AgencyNotAllowed => $"Role {Roles.Normalize(role)} is city-wide and takes no --agency.",
            _ => $"Unknown agency '{agencyCode}'. Known codes: {string.Join(", ", await sp.GetRequiredService<AduanDbContext>().Agencies
                .OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(ct))}.",
        };

    private static string CliActor => "cli:" + Environment.UserName;

    private static async Task<int> SetEnabledAsync(IServiceProvider sp, string userName, bool enabled)
    {
        var user = await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName);
        if (user is null)
        {
            return Fail($"No user named '{userName}'. See: user list");
        }

        await sp.GetRequiredService<StaffAccounts>().SetEnabledAsync(user, enabled, CliActor, null);
        Console.WriteLine($"{(enabled ? "Enabled" : "Disabled")} user {userName}.");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AduanDbContext>();
        var rows = await (from u in db.Users
                          orderby u.UserName
                          select new
                          {
                              u.UserName,
                              Agency = u.Agency!.Code,
                              u.LockoutEnd,
                              Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
                          }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            Console.WriteLine("No users yet. Create one with: user add NAME --role Manager");
            return 0;
        }

        Console.WriteLine($"{"USER",-24} {"ROLES",-28} {"AGENCY",-20} STATE");
        foreach (var r in rows)
        {
            var locked = r.LockoutEnd == StaffUser.DisabledUntil ? "disabled" : r.LockoutEnd > DateTimeOffset.UtcNow ? "locked" : "active";
            Console.WriteLine($"{r.UserName,-24} {string.Join(",", r.Roles),-28} {r.Agency ?? "-",-20} {locked}");
        }

        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
