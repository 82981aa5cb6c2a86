using System;
using System.Text;

namespace Dms.Codegen.Generator.Emit;

/// <summary>An indented text writer: emitters only write text, never syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private readonly int _baseIndent;
    private int _indent;

    public SourceWriter(int indent = 0)
    {
        _baseIndent = indent;
        _indent = indent;
    }

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
    }

    /// <summary>One line from pieces, without joining them into a string first (doc comments are half the output).</summary>
    public void Line(string first, string second, string third = "")
    {
        _builder.Append(' ', _indent * 4).Append(first).Append(second).Append(third).Append('\n');
    }

    /// <summary>Appends text that is already indented and ends with a line break.</summary>
    public void Raw(string text) => _builder.Append(text);

    public void Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString()
    {
        if (_indent != _baseIndent)
        {
            throw new InvalidOperationException("Unbalanced indentation in generated source.");
        }

        return _builder.ToString();
    }
}
