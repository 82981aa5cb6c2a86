using System;
using System.Text;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// An indented text writer: emitters only write text, never syntax trees. Dispose it to hand its buffer to the
/// next file on this thread: growing a fresh builder chunk by chunk for every file was a fifth of the emit step.
/// </summary>
internal sealed partial class SourceWriter : IDisposable
{
    // Files are at most a few hundred thousand characters; a buffer grown past this by a hostile spec is dropped.
    private const int MaxCachedCapacity = 1 << 20;

    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    [ThreadStatic]
    private static char[]? t_scratch;

    private readonly StringBuilder _builder;
    private readonly int _baseIndent;
    private int _indent;
    private bool _released; // the buffer was handed back (or was never the thread's to hand back)

    public SourceWriter(int indent = 0)
        : this(t_cachedBuilder ?? new StringBuilder(16 * 1024), indent)
    {
        t_cachedBuilder = null;
    }

    private SourceWriter(StringBuilder builder, int indent)
    {
        _builder = builder;
        _baseIndent = indent;
        _indent = indent;
    }

    /// <summary>A writer for a few lines (a file's header, its helpers) that leaves the thread's buffer to the file's body.</summary>
    public static SourceWriter Small(int indent = 0) => new(new StringBuilder(512), indent) { _released = true };

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
        CheckBalanced();
        return _builder.ToString();
    }

    /// <summary>
    /// The text with a header before it, as one string. The text is copied once, into a buffer this thread reuses,
    /// after room for <paramref name="maxHeaderLength"/> characters; <paramref name="header"/> reads that copy (to
    /// find the imports) and gives the header, which is put just before it. Inserting at the front of the builder
    /// would split it and cost a new one when it is cleared.
    /// </summary>
    public string ToFile(int maxHeaderLength, Func<ArraySegment<char>, string> header)
    {
        CheckBalanced();
        var length = maxHeaderLength + _builder.Length;
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < length)
        {
            scratch = new char[Math.Max(length, 16 * 1024)];
            t_scratch = scratch.Length <= MaxCachedCapacity ? scratch : null;
        }

        _builder.CopyTo(0, scratch, maxHeaderLength, _builder.Length);
        var text = header(new ArraySegment<char>(scratch, maxHeaderLength, _builder.Length));
        if (text.Length > maxHeaderLength)
        {
            throw new InvalidOperationException("A generated file's header is longer than its bound.");
        }

        var start = maxHeaderLength - text.Length;
        text.CopyTo(0, scratch, start, text.Length);
        return new string(scratch, start, text.Length + _builder.Length);
    }

    public void Dispose()
    {
        if (!_released && _builder.Capacity <= MaxCachedCapacity)
        {
            _builder.Clear();
            t_cachedBuilder = _builder;
        }

        _released = true;
    }

    private void CheckBalanced()
    {
        if (_indent != _baseIndent)
        {
            throw new InvalidOperationException("Unbalanced indentation in generated source.");
        }
    }
}
