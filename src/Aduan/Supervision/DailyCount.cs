namespace Aduan.Supervision;

/// <summary>What a <see cref="DailyCount"/> counts. Each is keyed by one of the report's days (see <see cref="DailyCounts"/>).</summary>
public enum DailyFigure
{
    /// <summary>Reports that came in through Aduan, by the day they came in.</summary>
    Received,

    /// <summary>Of those, followed up (a final follow-up was sent).</summary>
    FollowedUp,

    /// <summary>Of those, followed up at or before the resolution deadline.</summary>
    OnTime,

    /// <summary>Of those, followed up after the resolution deadline.</summary>
    FollowedLate,

    /// <summary>Of those followed up, reopened since.</summary>
    Reopened,

    /// <summary>Rated by the reporter; <see cref="DailyCount.Value"/> is the rating (1 to 5).</summary>
    Rating,

    /// <summary>Answered by the agency; <see cref="DailyCount.Value"/> is the working days from dispatch to the first response.</summary>
    ResponseDays,

    /// <summary>Followed up; <see cref="DailyCount.Value"/> is the working days from dispatch to the follow-up.</summary>
    FollowUpDays,

    /// <summary>Reports followed up, by the day of the follow-up (the weekly trend).</summary>
    FollowedUpOn,

    /// <summary>Resolution deadlines, by the day they fall due (the weekly trend's missed deadlines).</summary>
    DueOn,

    /// <summary>Of those, met (followed up at or before the deadline), by the day they fall due.</summary>
    MetOn,

    /// <summary>Imported past reports, by the day they came in: counted apart from everything else.</summary>
    Imported,

    /// <summary>Open reports now, by state (<see cref="DailyCount.Value"/>: the <see cref="Complaints.ComplaintStatus"/>), on <see cref="DailyCounts.Always"/>.</summary>
    OpenInState,

    /// <summary>Open reports now, by kecamatan (<see cref="DailyCount.Value"/>: <see cref="DailyCounts.KecamatanKey"/>, 0 for none), on <see cref="DailyCounts.Always"/>.</summary>
    OpenInKecamatan,

    /// <summary>Open reports now, by the day they came in (day rows only): their ages.</summary>
    OpenSubmittedOn,

    /// <summary>Open reports now, by the day their nearest staff deadline falls (<c>NextDueAt</c>): overdue once it has passed.</summary>
    OpenDueOn,

    /// <summary>Open imported reports now, on <see cref="DailyCounts.Always"/>.</summary>
    ImportedOpen,

    /// <summary>Reports flagged for the Ombudsman (ever), on <see cref="DailyCounts.Always"/>.</summary>
    Flagged,

    // The public statistics (Statistics/StatisticsQueries.cs) count every report, imported ones too, by the day it came in:

    /// <summary>Every report, by category (<see cref="DailyCount.Value"/>: the category's id, 0 for none).</summary>
    AllReceived,

    /// <summary>Of those, followed up, by category (<see cref="DailyCount.Value"/>: the category's id, 0 for none).</summary>
    AllFollowedUp,

    /// <summary>Every report, by channel (<see cref="DailyCount.Value"/>: the <see cref="Complaints.Channel"/>).</summary>
    AllViaChannel,

    /// <summary>Of those, followed up, by channel (<see cref="DailyCount.Value"/>: the <see cref="Complaints.Channel"/>).</summary>
    AllFollowedVia,

    /// <summary>Every report, by its state now (<see cref="DailyCount.Value"/>: the <see cref="Complaints.ComplaintStatus"/>).</summary>
    AllInState,

    /// <summary>Every report with an agency and a resolution deadline.</summary>
    AllWithDeadline,

    /// <summary>Of those, followed up or resolved.</summary>
    AllDone,

    /// <summary>Of those, followed up (or else resolved) at or before the deadline.</summary>
    AllDoneOnTime,

    /// <summary>Of those, neither followed up nor resolved, by the WIB day the deadline falls (<see cref="DailyCount.Value"/>: its <see cref="DateOnly.DayNumber"/>).</summary>
    AllPendingDueOn,
}

/// <summary>A count's bucket: one WIB day, or one calendar month (<see cref="DailyCount.Day"/> is then its first day).</summary>
public enum CountSpan
{
    Day,
    Month,
}

/// <summary>
/// How many reports of an agency (0: none yet) had a figure on a day or in a month, kept up to date in the
/// same transaction as the reports (<see cref="DailyCounts"/>), so that the dashboard sums a few hundred
/// rows instead of counting a year of reports on every view. For the histogram figures one row per value.
/// </summary>
public sealed class DailyCount
{
    public CountSpan Span { get; set; }

    public DateOnly Day { get; set; }

    public long AgencyId { get; set; }

    public DailyFigure Figure { get; set; }

    /// <summary>What the figure counts by (see each <see cref="DailyFigure"/>): working days, a rating, a state, a kecamatan, a category, a channel, a day; 0 for the others.</summary>
    public int Value { get; set; }

    public int Count { get; set; }
}
