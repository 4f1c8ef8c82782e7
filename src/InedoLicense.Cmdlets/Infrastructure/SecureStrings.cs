using System.Net;
using System.Security;

namespace InedoLicense.Cmdlets.Infrastructure;

internal static class SecureStrings
{
    /// <summary>The PKCS#12 API takes a string; the plain copy lives only for the call.</summary>
    public static string? ToPlainText(this SecureString? secure) =>
        secure is null ? null : new NetworkCredential("", secure).Password;
}
