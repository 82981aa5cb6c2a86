using System;
using System.Linq;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// Turns a parsed model into the resolved one the emitters write from: every <see cref="TypeRefKind.Unresolved"/>
/// name becomes the object type or enum it names, with the enum's underlying type.
/// </summary>
internal static class ModelResolver
{
    public static SpecModel Resolve(SpecModel model, Func<string, IndexEntry?> lookup)
    {
        TypeRef Type(TypeRef type) => type.Kind switch
        {
            TypeRefKind.Unresolved => lookup(type.Name!) switch
            {
                { Kind: DeclarationKind.Enum } entry => TypeRef.Enum(entry.Name, entry.NumericEnum),
                { Kind: DeclarationKind.ObjectType } entry => TypeRef.Object(entry.Name),
                _ => throw new InvalidOperationException("'" + type.Name + "' was not resolved by validation"),
            },
            TypeRefKind.Array or TypeRefKind.Map => type with { Element = Type(type.Element!) },
            _ => type,
        };

        PropertyModel Property(PropertyModel property) => property with { Type = Type(property.Type) };

        ObjectModel Object(ObjectModel value) => value with
        {
            Properties = value.Properties.Select(Property).ToEquatableArray(),
            NestedTypes = value.NestedTypes.Select(Object).ToEquatableArray(),
        };

        var operation = model.Operation is not { } op ? null : op with
        {
            Parameters = op.Parameters.Select(p => p with { Property = Property(p.Property) }).ToEquatableArray(),
            RequestTypes = op.RequestTypes.Select(Object).ToEquatableArray(),
            Response = Object(op.Response),
            Workflow = op.Workflow?.Resolve(Type),
        };
        return model with { Operation = operation, Types = model.Types.Select(Object).ToEquatableArray() };
    }
}
