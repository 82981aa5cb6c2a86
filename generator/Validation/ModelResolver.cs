using System;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// Turns a parsed model into the resolved one the emitters write from: every <see cref="TypeRefKind.Unresolved"/>
/// name becomes the object type or enum it names, with the enum's underlying type. What holds no such name is kept
/// as the same instance: copying every record of every spec was most of what validation allocated.
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
            TypeRefKind.Array or TypeRefKind.Map => Type(type.Element!) is var element && ReferenceEquals(element, type.Element) ? type : type with { Element = element },
            _ => type,
        };

        PropertyModel Property(PropertyModel property) => Type(property.Type) is var type && ReferenceEquals(type, property.Type) ? property : property with { Type = type };

        ParameterModel Parameter(ParameterModel parameter) => Property(parameter.Property) is var property && ReferenceEquals(property, parameter.Property) ? parameter : parameter with { Property = property };

        ObjectModel Object(ObjectModel value)
        {
            var properties = Map(value.Properties, Property);
            var nested = Map(value.NestedTypes, Object);
            return properties is null && nested is null ? value : value with
            {
                Properties = properties ?? value.Properties,
                NestedTypes = nested ?? value.NestedTypes,
            };
        }

        var types = Map(model.Types, Object);
        var operation = model.Operation is not { } op ? null : op with
        {
            Parameters = Map(op.Parameters, Parameter) ?? op.Parameters,
            RequestTypes = Map(op.RequestTypes, Object) ?? op.RequestTypes,
            Response = Object(op.Response),
            Workflow = op.Workflow?.Resolve(Type),
        };
        return model with { Operation = operation, Types = types ?? model.Types };
    }

    /// <summary>The items through <paramref name="resolve"/>; null when every one came back as the same instance.</summary>
    private static EquatableArray<T>? Map<T>(EquatableArray<T> items, Func<T, T> resolve)
        where T : class, IEquatable<T>
    {
        T[]? changed = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = resolve(items[i]);
            if (changed is null && !ReferenceEquals(item, items[i]))
            {
                changed = new T[items.Count];
                for (var j = 0; j < i; j++)
                {
                    changed[j] = items[j];
                }
            }

            if (changed is not null)
            {
                changed[i] = item;
            }
        }

        return changed is null ? null : new EquatableArray<T>(changed);
    }
}
