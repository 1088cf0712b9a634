namespace ActitoPS.Emulator.Retirement;

/// <summary>
/// An API Actito has announced the end of. A licence that retires it lets a client rehearse the cut-over
/// before Actito makes it for real.
/// </summary>
internal sealed record RetiredApi(string Name, PathString Prefix, string Message)
{
    public static readonly IReadOnlyList<RetiredApi> Known =
    [
        new(
            RetiredApiNames.ProfilesV4,
            "/profiles/v4",
            "The v4 profile operations were retired by Actito (end of service, Q1 2026): use the v5 profile API "
            + "(/profiles/v5/entities/{e}/profile-tables/{t}/profiles/{key}) or mass imports v5 for volume."),
    ];

    /// <summary>Any case, like the licence's value types.</summary>
    public static RetiredApi? Find(string? name) =>
        Known.FirstOrDefault(api => string.Equals(api.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool Covers(HttpRequest request) =>
        request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
