using Dms.Codegen.Generator.Model;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// Turns YamlDotNet's marks into locations inside the file. Three of its marks would mislead: the end of a file
/// without a final line break sits on a line past the last one; a tab used as indentation is thrown with no
/// position at all (which reads as 1:1); and other tab errors are placed where the enclosing scalar began.
/// </summary>
internal sealed class YamlPositions
{
    private readonly string _path;
    private readonly string _text;
    private SourceText? _source;

    public YamlPositions(string path, string text)
    {
        _path = path;
        _text = text;
    }

    // Built only on the paths that need line arithmetic (errors and the end of the file), not for every node.
    private SourceText Source => _source ??= SourceText.From(_text);

    public LocationInfo Locate(Mark start, Mark end)
    {
        if (end.Index >= _text.Length && _text.Length > 0 && _text[_text.Length - 1] is not ('\n' or '\r' or '\u0085' or '\u2028' or '\u2029'))
        {
            // YamlDotNet ends a file without a final line break on a line of its own, one past the last.
            var last = Source.Lines.GetLinePosition(_text.Length);
            end = new Mark(_text.Length, last.Line + 1, last.Character + 1);
            start = start.Index >= _text.Length ? end : start;
        }

        // YamlDotNet counts lines and columns from 1; Roslyn from 0.
        var startLine = System.Math.Max(0, (int)start.Line - 1);
        var startColumn = System.Math.Max(0, (int)start.Column - 1);
        var endLine = System.Math.Max(startLine, (int)end.Line - 1);
        var endColumn = endLine == startLine ? System.Math.Max(startColumn, (int)end.Column - 1) : System.Math.Max(0, (int)end.Column - 1);
        var startIndex = (int)System.Math.Max(0, start.Index);
        var length = (int)System.Math.Max(0, end.Index - start.Index);
        return new LocationInfo(_path, startIndex, length, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>Where a syntax error is; <paramref name="last"/> is the last event read before it.</summary>
    public LocationInfo LocateError(YamlException exception, ParsingEvent? last)
    {
        if (exception.Start.Equals(Mark.Empty) && exception.End.Equals(Mark.Empty))
        {
            // Only a tab used as indentation is thrown without a position: the scanner was past the last event.
            return FirstIndentingTab(last is null ? 0 : (int)last.End.Index)
                ?? (last is null ? Locate(Mark.Empty, Mark.Empty) : Locate(last.End, last.End));
        }

        // For a tab inside a scalar's indentation the end mark is the tab itself; the start is where the scalar began.
        return exception.Message.IndexOf(" tab ", System.StringComparison.Ordinal) >= 0
            ? Locate(exception.End, exception.End)
            : Locate(exception.Start, exception.End);
    }

    private LocationInfo? FirstIndentingTab(int from)
    {
        var lines = Source.Lines;
        for (var number = lines.GetLineFromPosition(System.Math.Min(from, _text.Length)).LineNumber; number < lines.Count; number++)
        {
            var line = lines[number];
            for (var position = line.Start; position < line.End && _text[position] is ' ' or '\t'; position++)
            {
                if (_text[position] == '\t')
                {
                    var column = position - line.Start;
                    return new LocationInfo(_path, position, 1, number, column, number, column + 1);
                }
            }
        }

        return null;
    }
}
