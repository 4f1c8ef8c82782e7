using System.Buffers.Binary;
using System.Text;

namespace InedoLicense.Engine.Tests;

/// <summary>What a native library file is built for, read from its header: the format (PE, ELF, Mach-O) and the CPU.</summary>
public sealed record NativeBinary(string Format, string Architecture, bool NeedsGlibc)
{
    public static NativeBinary Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64) throw new InvalidDataException($"{path} is too short to be a native library.");
        if (bytes[0] == 'M' && bytes[1] == 'Z')
        {
            var pe = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(0x3C));
            if (!bytes.AsSpan(pe, 4).SequenceEqual("PE\0\0"u8)) throw new InvalidDataException($"{path}: MZ header without a PE signature.");
            return new NativeBinary("PE", Cpu(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pe + 4)), (0x8664, "x64"), (0xAA64, "arm64")), false);
        }
        if (bytes.AsSpan(0, 4).SequenceEqual("\x7F"u8.ToArray().Concat("ELF"u8.ToArray()).ToArray()))
        {
            // glibc builds carry versioned symbol references (GLIBC_2.x); musl has no symbol versions.
            var glibc = Encoding.ASCII.GetString(bytes).Contains("GLIBC_", StringComparison.Ordinal);
            return new NativeBinary("ELF", Cpu(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x12)), (62, "x64"), (183, "arm64")), glibc);
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0xFEEDFACF)
            return new NativeBinary("Mach-O", Cpu(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)), (0x01000007, "x64"), (0x0100000C, "arm64")), false);
        throw new InvalidDataException($"{path} is not a PE, ELF or 64-bit Mach-O file.");
    }

    private static string Cpu(long machine, params (long Code, string Name)[] known) =>
        known.FirstOrDefault(k => k.Code == machine).Name ?? $"unknown machine 0x{machine:X}";
}
