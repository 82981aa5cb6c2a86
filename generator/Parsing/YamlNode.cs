using System.Collections.Generic;
using Dms.Codegen.Generator.Model;
using YamlDotNet.Core;

namespace Dms.Codegen.Generator.Parsing;

internal enum YamlNodeKind
{
    Scalar,
    Null,
    Mapping,
    Sequence,
}

/// <summary>
/// A YAML node with its position. Short-lived: it exists only inside the parse step and never reaches a
/// pipeline model. Mappings keep their keys in document order.
/// </summary>
internal sealed class YamlNode
{
    private static readonly KeyValuePair<YamlNode, YamlNode>[] NoEntries = new KeyValuePair<YamlNode, YamlNode>[0];
    private static readonly YamlNode[] NoItems = new YamlNode[0];

    // The marks as numbers, turned into a location only when one is asked for (and not kept: a node's location is
    // asked for about once): most nodes never are, and a location object per node was a third of the tree.
    private readonly YamlPositions _positions;
    private readonly int _start, _startLine, _startColumn, _end, _endLine, _endColumn;

    // A mapping's entries or a sequence's items, in one field (nodes were a sixth of what parsing allocates); scalars
    // have neither and share the empty arrays: most nodes are scalars, and two lists each were most of the tree's garbage.
    private readonly System.Array? _children;

    private YamlNode(YamlNodeKind kind, YamlPositions positions, Mark start, Mark end, string? value, System.Array? children)
    {
        Kind = kind;
        _positions = positions;
        (_start, _startLine, _startColumn) = ((int)start.Index, (int)start.Line, (int)start.Column);
        (_end, _endLine, _endColumn) = ((int)end.Index, (int)end.Line, (int)end.Column);
        Value = value;
        _children = children;
    }

    public YamlNodeKind Kind { get; }

    public LocationInfo Location => _positions.Locate(StartMark, EndMark);

    /// <summary>The text of a scalar; for a null scalar, the word that spelt it (used when it is a key).</summary>
    public string? Value { get; }

    public KeyValuePair<YamlNode, YamlNode>[] Entries => Kind == YamlNodeKind.Mapping ? (KeyValuePair<YamlNode, YamlNode>[])_children! : NoEntries;

    public YamlNode[] Items => Kind == YamlNodeKind.Sequence ? (YamlNode[])_children! : NoItems;

    public static YamlNode Scalar(YamlPositions positions, Mark start, Mark end, string value) => new(YamlNodeKind.Scalar, positions, start, end, value, null);

    public static YamlNode Null(YamlPositions positions, Mark start, Mark end, string? rawText = null) => new(YamlNodeKind.Null, positions, start, end, rawText, null);

    public static YamlNode Mapping(YamlPositions positions, Mark start, Mark end, KeyValuePair<YamlNode, YamlNode>[] entries) => new(YamlNodeKind.Mapping, positions, start, end, null, entries);

    public static YamlNode Sequence(YamlPositions positions, Mark start, Mark end, YamlNode[] items) => new(YamlNodeKind.Sequence, positions, start, end, null, items);

    /// <summary>A scalar of <paramref name="value"/> where <paramref name="node"/> is (a null key read as its text).</summary>
    public static YamlNode ScalarAt(YamlNode node, string value) => new(YamlNodeKind.Scalar, node._positions, node.StartMark, node.EndMark, value, null);

    private Mark StartMark => new(_start, _startLine, _startColumn);

    private Mark EndMark => new(_end, _endLine, _endColumn);

    public string Describe() => Kind switch
    {
        YamlNodeKind.Scalar => "a scalar",
        YamlNodeKind.Null => "nothing",
        YamlNodeKind.Mapping => "a mapping",
        _ => "a list",
    };
}
