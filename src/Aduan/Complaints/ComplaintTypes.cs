namespace Aduan.Complaints;

/// <summary>The nine states of a report; see DESIGN.md "The report lifecycle".</summary>
public enum ComplaintStatus
{
    Submitted,
    Deferred,
    Archived,
    Referred,
    Merged,
    Dispatched,
    InProgress,
    FollowedUp,
    Resolved,
}

public enum ComplaintKind
{
    Complaint,
    Aspiration,
    InformationRequest,
}

/// <summary>Who may see the reporter and whether the report is published.</summary>
public enum PrivacyMode
{
    Public,
    Anonymous,
    Confidential,
}

public enum Channel
{
    Web,
    Sms,
    CallCenter,
    App,
    Hub,

    /// <summary>An Open311 GeoReport v2 client (FixMyStreet, a city CRM) with an API key.</summary>
    Open311,
}

/// <summary>How the reporter wants to hear of their report (chosen at intake; see Notifications).</summary>
public enum NotifyBy
{
    None,
    Sms,
    Email,
}

public enum Priority
{
    Normal,
    High,
    Urgent,
}

/// <summary>Who may read an event: everyone, the reporter (and staff), or staff only.</summary>
public enum EventVisibility
{
    Public,
    Reporter,
    Staff,
}

public enum ActorKind
{
    Reporter,
    Staff,
    System,
}

public enum AssignmentRole
{
    Lead,
    Copy,
}
