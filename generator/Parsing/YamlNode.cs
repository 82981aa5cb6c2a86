using System.Collections.Generic;
using Dms.Codegen.Generator.Model;

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

    // Scalars share the empty arrays: most nodes are scalars, and two lists each were most of the tree's garbage.
    private YamlNode(YamlNodeKind kind, LocationInfo location, string? value, KeyValuePair<YamlNode, YamlNode>[]? entries, YamlNode[]? items)
    {
        Kind = kind;
        Location = location;
        Value = value;
        Entries = entries ?? NoEntries;
        Items = items ?? NoItems;
    }

    public YamlNodeKind Kind { get; }

    public LocationInfo Location { get; }

    /// <summary>The text of a scalar; for a null scalar, the word that spelt it (used when it is a key).</summary>
    public string? Value { get; }

    public KeyValuePair<YamlNode, YamlNode>[] Entries { get; }

    public YamlNode[] Items { get; }

    public static YamlNode Scalar(LocationInfo location, string value) => new(YamlNodeKind.Scalar, location, value, null, null);

    public static YamlNode Null(LocationInfo location, string? rawText = null) => new(YamlNodeKind.Null, location, rawText, null, null);

    public static YamlNode Mapping(LocationInfo location, KeyValuePair<YamlNode, YamlNode>[] entries) => new(YamlNodeKind.Mapping, location, null, entries, null);

    public static YamlNode Sequence(LocationInfo location, YamlNode[] items) => new(YamlNodeKind.Sequence, location, null, null, items);

    public string Describe() => Kind switch
    {
        YamlNodeKind.Scalar => "a scalar",
        YamlNodeKind.Null => "nothing",
        YamlNodeKind.Mapping => "a mapping",
        _ => "a list",
    };
}
