using System.Globalization;

namespace Aduan.Web;

/// <summary>
/// Links that open a place in a maps app: <c>geo:</c> for a phone's own app and OpenStreetMap for
/// any browser. The workspace shows these instead of a map: its pages load no tiles (see SecurityHeaders).
/// </summary>
public sealed record MapLinks(double Lat, double Lng)
{
    public static MapLinks? Of(double? lat, double? lng) => lat is { } a && lng is { } b ? new MapLinks(a, b) : null;

    public string Geo => FormattableString.Invariant($"geo:{Lat:0.######},{Lng:0.######}");

    public string OpenStreetMap => FormattableString.Invariant(
        $"https://www.openstreetmap.org/?mlat={Lat:0.######}&mlon={Lng:0.######}#map=17/{Lat:0.######}/{Lng:0.######}");

    public string LatText => Lat.ToString("0.######", CultureInfo.InvariantCulture);

    public string LngText => Lng.ToString("0.######", CultureInfo.InvariantCulture);
}
