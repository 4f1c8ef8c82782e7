using System.Text;
using InedoLicense.KeyFormat;

namespace InedoLicense.Core.Tests.Support;

/// <summary>Ways to damage a key's DER on purpose.</summary>
internal static class KeyBytes
{
    public static byte[] Xor(byte[] der, int index, byte mask = 0x01)
    {
        var copy = (byte[])der.Clone();
        copy[index] ^= mask;
        return copy;
    }

    /// <summary>Changes one letter of a text field inside the signed content: still valid DER, no longer what was signed.</summary>
    public static byte[] ChangeContentText(byte[] der, string textInPayload)
    {
        var index = der.AsSpan().IndexOf(Encoding.UTF8.GetBytes(textInPayload));
        Assert.True(index > 0, $"'{textInPayload}' is not in the key.");
        return Xor(der, index, 0x01); // ASCII letter to another ASCII letter
    }

    /// <summary>Changes one byte near the end of the signature (the signature is the last field of the DER).</summary>
    public static byte[] ChangeSignature(byte[] der)
    {
        var signatureLength = SignedDataCodec.Read(der).Signature.Length;
        Assert.True(signatureLength > 8);
        return Xor(der, der.Length - 5, 0x01);
    }
}
