using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dms.Codegen.Generator.Model;

/// <summary>A position in a spec file, kept as plain values so that it can live in a pipeline model.</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>Line and column are zero-based, as Roslyn counts them.</summary>
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
