using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Lines written straight from interpolated strings: <c>w.Line($"public {type} {name} {{ get; set; }}")</c> appends
/// each piece to the writer's buffer instead of building a string to copy and throw away (that garbage was most of
/// what the emit step allocated). A hole must not write to the same writer: the line has already begun.
/// </summary>
internal sealed partial class SourceWriter
{
    public void Line([InterpolatedStringHandlerArgument("")] ref LineHandler line) => EndLine(line.Start);

    public void Open([InterpolatedStringHandlerArgument("")] ref LineHandler line)
    {
        EndLine(line.Start);
        Line("{");
        _indent++;
    }

    /// <summary>
    /// <c>head statement</c> on one line when that is at most <paramref name="lineLength"/> characters (without the
    /// indentation), otherwise the statement on the next line, indented once more.
    /// </summary>
    public void Statement(int lineLength, [InterpolatedStringHandlerArgument("")] ref LineHandler head, [InterpolatedStringHandlerArgument("")] ref PartHandler statement)
    {
        var indent = _indent * 4;
        if (_builder.Length - head.Start - indent > lineLength)
        {
            // The space before the statement becomes the line break and the statement moves right to make room for
            // its indentation, in place: StringBuilder.Insert would split the buffer, and clearing a split buffer
            // allocates a new one.
            var gap = indent + 4;
            var from = statement.Start + 1;
            var end = _builder.Length;
            _builder.Append(' ', gap);
            for (var i = end - 1; i >= from; i--)
            {
                _builder[i + gap] = _builder[i];
            }

            _builder[statement.Start] = '\n';
            for (var i = from; i < from + gap; i++)
            {
                _builder[i] = ' ';
            }
        }

        _builder.Append('\n');
    }

    private void EndLine(int start)
    {
        // As Line(string): a line that came out empty carries no indentation.
        if (_builder.Length == start + (_indent * 4))
        {
            _builder.Length = start;
        }

        _builder.Append('\n');
    }

    /// <summary>Appends the indentation, then each literal and hole, to the writer's buffer.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct LineHandler
    {
        private readonly StringBuilder _builder;

        public LineHandler(int literalLength, int formattedCount, SourceWriter writer)
        {
            _builder = writer._builder;
            Start = _builder.Length;
            _builder.Append(' ', writer._indent * 4);
        }

        /// <summary>Where the line began in the buffer.</summary>
        public int Start { get; }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(value);

        // As string.Format formats a hole (the current culture), so the text is what the interpolated string was.
        public void AppendFormatted<T>(T value) => _builder.Append(value is IFormattable formattable ? formattable.ToString(null, null) : value?.ToString());
    }

    /// <summary>The rest of a line begun by a <see cref="LineHandler"/>: a space, then each literal and hole.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct PartHandler
    {
        private readonly StringBuilder _builder;

        public PartHandler(int literalLength, int formattedCount, SourceWriter writer)
        {
            _builder = writer._builder;
            Start = _builder.Length;
            _builder.Append(' ');
        }

        /// <summary>Where the space before this part is in the buffer.</summary>
        public int Start { get; }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(value);
    }
}
