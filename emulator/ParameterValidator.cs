using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Http;

namespace Dms.Codegen.Emulator;

/// <summary>
/// Checks an operation's parameters against its descriptor, which the generator builds from the same YAML
/// the client comes from: required ones present, typed ones parseable. There is no second list here.
/// </summary>
internal static class ParameterValidator
{
    public static AlibabaError? Validate(DmsOperationDescriptor operation, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        foreach (var parameter in operation.Parameters)
        {
            // flat and repeatList values arrive as Name.1, Name.1.Key, ...
            var flat = parameter.Style is DmsParameterStyle.Flat or DmsParameterStyle.RepeatList;
            var values = parameters.Where(p => p.Key == parameter.Name || (flat && p.Key.StartsWith(parameter.Name + ".", StringComparison.Ordinal))).ToList();
            if (values.Count == 0)
            {
                if (parameter.Required)
                {
                    return AlibabaError.MissingParameter(parameter.Name);
                }

                continue;
            }

            if (!flat && Check(parameter, values[0].Value) is { } problem)
            {
                return AlibabaError.InvalidParameter(parameter.Name, problem);
            }
        }

        return null;
    }

    private static string? Check(DmsParameterDescriptor parameter, string value)
    {
        if (parameter.Style == DmsParameterStyle.Json)
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                return null;
            }
            catch (JsonException)
            {
                return "it must be a JSON value";
            }
        }

        if (parameter.Style == DmsParameterStyle.Simple)
        {
            return null;
        }

        return parameter.Kind switch
        {
            DmsValueKind.Int64 when !TryInt64(value, out _) => $"'{value}' is not a 64-bit integer",
            DmsValueKind.Int32 when !TryInt64(value, out var number) || number is < int.MinValue or > int.MaxValue => $"'{value}' is not a 32-bit integer",
            DmsValueKind.Double when !IsPlain(value) || !double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a number",
            DmsValueKind.Boolean when !value.Equals("true", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) => $"'{value}' is not true or false",
            _ => null,
        };
    }

    /// <summary>A parameter's value as a 64-bit integer, when present.</summary>
    public static long? Int64(IReadOnlyList<KeyValuePair<string, string>> parameters, string name) =>
        parameters.FirstOrDefault(p => p.Key == name).Value is { } text && TryInt64(text, out var value) ? value : null;

    /// <summary>
    /// An integer as DMS (Java's Long.parseLong) reads it: an optional sign and digits, nothing around them. .NET's
    /// own parsers also take surrounding white space and trailing NUL characters ("5\0" is 5).
    /// </summary>
    public static bool TryInt64(string? text, out long value)
    {
        value = 0;
        return text is not null && IsPlain(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsPlain(string text) => !text.Contains('\0', StringComparison.Ordinal);
}
