namespace InedoLicense.Authority;

/// <summary>The root key needed to add an issuer is not there (kept offline), or the file is not the authority's root.</summary>
public sealed class RootKeyUnavailableException : IOException
{
    private RootKeyUnavailableException(RootKeyProblem problem, string path, string message) : base(message) => (Problem, Path) = (problem, path);

    public RootKeyProblem Problem { get; }
    /// <summary>The root key file that was to be used.</summary>
    public string Path { get; }
    /// <summary>For <see cref="RootKeyProblem.NotTheRoot"/>: the subject of the certificate the file holds, the root's, and the root certificate's file.</summary>
    public string? Subject { get; private init; }
    public string? RootSubject { get; private init; }
    public string? RootCertificatePath { get; private init; }

    public static RootKeyUnavailableException Missing(string path) =>
        new(RootKeyProblem.Missing, path, $"The root key {path} is not there. Adding an issuer needs the authority's root key: keep it offline and give its file for this step.");

    public static RootKeyUnavailableException NotTheRoot(string path, string subject, string rootSubject, string rootCertificatePath) =>
        new(RootKeyProblem.NotTheRoot, path, $"{path} holds the certificate '{subject}', not the authority's root '{rootSubject}' ({rootCertificatePath}). Give the root's own PKCS#12 file.")
        {
            Subject = subject, RootSubject = rootSubject, RootCertificatePath = rootCertificatePath,
        };
}
