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
            DmsValueKind.Int64 when !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a 64-bit integer",
            DmsValueKind.Int32 when !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a 32-bit integer",
            DmsValueKind.Double when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a number",
            DmsValueKind.Boolean when !bool.TryParse(value, out _) => $"'{value}' is not true or false",
            _ => null,
        };
    }

    /// <summary>A parameter's value as a 64-bit integer, when present.</summary>
    public static long? Int64(IReadOnlyList<KeyValuePair<string, string>> parameters, string name) =>
        parameters.FirstOrDefault(p => p.Key == name).Value is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
