using System.Collections.Generic;
using System.IO;
using System.Threading;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// The only code that touches YamlDotNet: turns text into a <see cref="YamlNode"/> tree with positions, using the
/// low-level event parser so that duplicate keys, aliases and positions are all under our control.
/// </summary>
internal static class YamlReader
{
    public const int MaxDepth = 64;

    /// <summary>Returns the root node, or null with the reason added to <paramref name="diagnostics"/>.</summary>
    public static YamlNode? Read(string path, string text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var parser = new Parser(new StringReader(text));
        var positions = new YamlPositions(path, text);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out var end))
            {
                // An empty file is an empty document: the parser reports it as a missing 'operation'.
                return YamlNode.Null(positions, end.Start, end.End);
            }

            parser.Consume<DocumentStart>();
            var state = new State(positions, parser, diagnostics, cancellationToken);
            var root = state.ReadNode(0);
            if (root is null)
            {
                return null;
            }

            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntaxError, positions.Locate(second.Start, second.End), "a spec file holds exactly one YAML document"));
                return null;
            }

            return root;
        }
        catch (YamlException exception)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntaxError, positions.LocateError(exception, parser.Current), Clean(exception.Message)));
            return null;
        }
        catch (System.InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, on some malformed flow collections
            // (for example "[" followed by a block mapping key): still a syntax error in the file.
            var last = parser.Current;
            var location = last is null ? new LocationInfo(path, 0, 0, 0, 0, 0, 0) : positions.Locate(last.End, last.End);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntaxError, location, "the YAML after this point is malformed (an unclosed or misplaced flow collection?)"));
            return null;
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (...): "; the diagnostic's location already says that.
        var marker = message.IndexOf("): ", System.StringComparison.Ordinal);
        return message.StartsWith("(", System.StringComparison.Ordinal) && marker > 0 ? message.Substring(marker + 3) : message;
    }

    private sealed class State
    {
        private readonly YamlPositions _positions;
        private readonly Parser _parser;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;

        // One scratch list per depth, reused by every mapping or sequence at that depth: each node keeps only
        // an exact-size array.
        private readonly List<List<KeyValuePair<YamlNode, YamlNode>>> _entries = new();
        private readonly List<List<YamlNode>> _items = new();

        public State(YamlPositions positions, Parser parser, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            _positions = positions;
            _parser = parser;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Reads one node; null means a diagnostic was reported and reading stops.</summary>
        public YamlNode? ReadNode(int depth)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var current = _parser.Current;
            if (depth > MaxDepth)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestingTooDeep, _positions.Locate(current!.Start, current.End), MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return null;
            }

            switch (current)
            {
                case Scalar scalar:
                    _parser.MoveNext();
                    if (HasUnpairedSurrogate(scalar.Value))
                    {
                        // A "\uD800" escape gives text that is not Unicode; as a wire name it could not become a UTF-8 literal.
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntaxError, _positions.Locate(scalar.Start, scalar.End), "the text holds an unpaired UTF-16 surrogate, which is not valid Unicode"));
                        return null;
                    }

                    return scalar.Style == ScalarStyle.Plain && IsNullWord(scalar.Value)
                        ? YamlNode.Null(_positions, scalar.Start, scalar.End, scalar.Value)
                        : YamlNode.Scalar(_positions, scalar.Start, scalar.End, scalar.Value);
                case MappingStart mappingStart:
                    return ReadMapping(mappingStart, depth);
                case SequenceStart sequenceStart:
                    return ReadSequence(sequenceStart, depth);
                case AnchorAlias alias:
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, _positions.Locate(alias.Start, alias.End), "*" + alias.Value, "YAML aliases are not supported in specs; write the value out"));
                    return null;
                default:
                    throw new YamlException(current!.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private YamlNode? ReadMapping(MappingStart start, int depth)
        {
            _parser.MoveNext();
            var entries = Scratch(_entries, depth);
            HashSet<string>? seen = null; // only for long mappings; a short one is searched
            while (!_parser.Accept<MappingEnd>(out _))
            {
                var key = ReadNode(depth + 1);
                if (key is null)
                {
                    return null;
                }

                if (key.Kind is not (YamlNodeKind.Scalar or YamlNodeKind.Null))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, key.Location, "key", "mapping keys must be plain text, not " + key.Describe()));
                    return null;
                }

                var value = ReadNode(depth + 1);
                if (value is null)
                {
                    return null;
                }

                var keyText = key.Value ?? string.Empty;
                if (IsDuplicate(entries, keyText, ref seen))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, key.Location, keyText));
                    continue;
                }

                entries.Add(new KeyValuePair<YamlNode, YamlNode>(key.Kind == YamlNodeKind.Null ? YamlNode.ScalarAt(key, keyText) : key, value));
            }

            var end = _parser.Consume<MappingEnd>();
            return YamlNode.Mapping(_positions, start.Start, end.End, entries.ToArray());
        }

        private YamlNode? ReadSequence(SequenceStart start, int depth)
        {
            _parser.MoveNext();
            var items = Scratch(_items, depth);
            while (!_parser.Accept<SequenceEnd>(out _))
            {
                var item = ReadNode(depth + 1);
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
            }

            var end = _parser.Consume<SequenceEnd>();
            return YamlNode.Sequence(_positions, start.Start, end.End, items.ToArray());
        }

        private static List<T> Scratch<T>(List<List<T>> lists, int depth)
        {
            while (lists.Count <= depth)
            {
                lists.Add(new List<T>());
            }

            var list = lists[depth];
            list.Clear();
            return list;
        }

        private static bool IsDuplicate(List<KeyValuePair<YamlNode, YamlNode>> entries, string key, ref HashSet<string>? seen)
        {
            if (seen is null && entries.Count < 16)
            {
                foreach (var entry in entries)
                {
                    if (entry.Key.Value == key)
                    {
                        return true;
                    }
                }

                return false;
            }

            if (seen is null)
            {
                seen = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var entry in entries)
                {
                    seen.Add(entry.Key.Value!);
                }
            }

            return !seen.Add(key);
        }

        private static bool HasUnpairedSurrogate(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] < '\uD800')
                {
                    continue; // nearly all text: below every surrogate
                }

                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNullWord(string value) => value.Length == 0 || value == "~" || value == "null" || value == "Null" || value == "NULL";
    }
}
