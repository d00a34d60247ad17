namespace Aduan.Resources;

/// <summary>
/// Marker for the shared UI strings: <c>SharedResource.resx</c> is Bahasa Indonesia (the neutral
/// language), <c>SharedResource.en.resx</c> English.
/// </summary>
public sealed class SharedResource;
