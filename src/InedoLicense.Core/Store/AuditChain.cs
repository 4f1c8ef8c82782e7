using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace InedoLicense.Store;

/// <summary>
/// Each audit entry's hash covers the previous entry's hash and every field of its own, so an
/// edited or deleted row breaks the chain from there on.
/// </summary>
public static class AuditChain
{
    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, long id, long atUnixMilliseconds, string osUser,
        string? certificateThumbprint, string action, string? target, string? details)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, id);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, atUnixMilliseconds);
        hash.AppendData(number);
        foreach (var field in (ReadOnlySpan<string?>)[osUser, certificateThumbprint, action, target, details])
        {
            // Length-prefixed so that moving text between fields changes the hash.
            var bytes = field is null ? null : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt64BigEndian(number, bytes?.Length ?? -1);
            hash.AppendData(number);
            if (bytes is not null) hash.AppendData(bytes);
        }
        return hash.GetHashAndReset();
    }

    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, AuditEntry entry) =>
        ComputeHash(previousHash, entry.Id, entry.At.ToUnixTimeMilliseconds(), entry.OsUser, entry.CertificateThumbprint,
            entry.Action, entry.Target, entry.Details);
}
