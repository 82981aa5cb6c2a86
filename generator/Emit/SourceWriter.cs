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
    /// The text, copied into a buffer this thread reuses (valid until the next call on this thread) after
    /// <paramref name="room"/> free characters, so that a file's header can be put just before it and the whole made
    /// into one string with a single copy. Inserting at the front of the builder would split it, and clearing a split
    /// builder allocates a new one.
    /// </summary>
    public ArraySegment<char> CopyAfter(int room)
    {
        CheckBalanced();
        var length = room + _builder.Length;
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < length)
        {
            scratch = new char[Math.Max(length, 16 * 1024)];
            t_scratch = scratch.Length <= MaxCachedCapacity ? scratch : null;
        }

        _builder.CopyTo(0, scratch, room, _builder.Length);
        return new ArraySegment<char>(scratch, room, _builder.Length);
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
