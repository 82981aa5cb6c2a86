using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Dms.Codegen.SpecImporter;

/// <summary>
/// A minimal block-style YAML writer. Every string is written as a JSON string literal, which is also a valid
/// YAML double-quoted scalar, so no text can change meaning.
/// </summary>
internal sealed class YamlWriter
{
    private readonly StringBuilder _builder = new();

    public override string ToString() => _builder.ToString();

    public void Comment(string text) => _builder.Append("# ").Append(text).Append('\n');

    public void Write(int indent, string key, object? value)
    {
        var pad = new string(' ', indent * 2);
        switch (value)
        {
            case null:
                return;
            case IReadOnlyList<KeyValuePair<string, object?>> map:
                _builder.Append(pad).Append(Key(key)).Append(':');
                if (map.Count == 0)
                {
                    _builder.Append(" {}\n");
                    return;
                }

                _builder.Append('\n');
                foreach (var entry in map)
                {
                    Write(indent + 1, entry.Key, entry.Value);
                }

                return;
            case IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> list:
                _builder.Append(pad).Append(Key(key)).Append(":\n");
                foreach (var item in list)
                {
                    var first = true;
                    foreach (var entry in item)
                    {
                        // "- key: value" for the first member, aligned members after it.
                        var line = new YamlWriter();
                        line.Write(0, entry.Key, entry.Value);
                        var text = line.ToString().TrimEnd('\n').Replace("\n", "\n" + pad + "    ");
                        _builder.Append(pad).Append(first ? "  - " : "    ").Append(text).Append('\n');
                        first = false;
                    }
                }

                return;
            case bool flag:
                _builder.Append(pad).Append(Key(key)).Append(": ").Append(flag ? "true" : "false").Append('\n');
                return;
            default:
                _builder.Append(pad).Append(Key(key)).Append(": ").Append(Quote(value.ToString()!)).Append('\n');
                return;
        }
    }

    private static readonly ImporterJsonContext Json = new(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Keys that read unambiguously as text are written plain, for readability.</summary>
    private static string Key(string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z_][A-Za-z0-9_]*$") && key is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n")
            ? key
            : Quote(key);

    private static string Quote(string text) => JsonSerializer.Serialize(text, Json.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ImporterJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
