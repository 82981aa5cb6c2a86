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
}
