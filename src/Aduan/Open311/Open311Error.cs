namespace Aduan.Open311;

/// <summary>One error of GeoReport v2's <c>&lt;errors&gt;</c> list; the HTTP status is the first error's code.</summary>
public sealed record Open311Error(int Code, string Description);
