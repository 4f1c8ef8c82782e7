using System.Text;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// Reads lines like <see cref="TextReader.ReadLine"/> (ending at \n, \r or \r\n), but never keeps more than
/// <paramref name="maxLineLength"/> + 1 characters of one: a longer line comes back as null and is skipped
/// to its end unread, so a file with a 50 MB line costs no more memory than one of short lines.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxLineLength)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>False at the end of the text. Otherwise the next line, or null when it is longer than the limit.</summary>
    public bool TryReadLine(out string? line)
    {
        _line.Clear();
        long length = 0;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0) break;
            }
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }
            any = true;
            var rest = _buffer.AsSpan(_position, _length - _position);
            var end = rest.IndexOfAny('\r', '\n');
            var text = end < 0 ? rest : rest[..end];
            if (length <= maxLineLength) _line.Append(text[..(int)Math.Min(text.Length, maxLineLength + 1 - length)]);
            length += text.Length;
            _position += text.Length;
            if (end < 0) continue;
            _skipLineFeed = _buffer[_position] == '\r';
            _position++;
            break;
        }
        line = !any ? null : length > maxLineLength ? null : _line.ToString();
        return any;
    }
}
