using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Codegen.DependencyInjection;

/// <summary>
/// Registers generated clients on <see cref="IHttpClientFactory"/>. Generated code calls this with a factory
/// for its own client type, so no reflection is needed.
/// </summary>
public static class DmsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (and <typeparamref name="TService"/>) under <paramref name="name"/>:
    /// as a keyed service for that name, and, for the default name, as a plain service too. Each resolution
    /// gets a client on a fresh <see cref="HttpClient"/> from the factory, which rotates handlers; the options are
    /// the named options, so several accounts or regions can live side by side. HttpClientFactory's own request
    /// loggers are removed from this client because they would write signatures and tokens; the DMS client logs
    /// each attempt without them.
    /// </summary>
    public static IHttpClientBuilder AddDmsClient<TService, TClient>(
        this IServiceCollection services,
        string name,
        Action<DmsClientOptions> configure,
        Func<DmsClientOptions, HttpClient, TClient> create)
        where TService : class
        where TClient : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(create);
        services.AddOptions<DmsClientOptions>(name).Configure(configure);
        // HttpClientFactory's default loggers (Microsoft.Extensions.Http 8.x) write the full URI (a V1 request
        // carries Signature and SecurityToken in its query) and, at Trace, every header value (Authorization,
        // x-acs-security-token). The client logs one line per attempt itself, so they are removed here.
        var builder = services.AddHttpClient(HttpClientName(name)).RemoveAllLoggers();

        TClient Create(IServiceProvider provider)
        {
            var options = provider.GetRequiredService<IOptionsMonitor<DmsClientOptions>>().Get(name);
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return create(options, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(name)));
        }

        services.AddKeyedTransient<TClient>(name, (provider, _) => Create(provider));
        services.AddKeyedTransient<TService>(name, (provider, _) => Create(provider));
        if (name == Options.DefaultName)
        {
            services.TryAddTransient(Create);
            services.TryAddTransient<TService>(Create);
        }

        return builder;
    }

    /// <summary>The name of the <see cref="HttpClient"/> a DMS client registered under <paramref name="name"/> uses, for further configuration.</summary>
    public static string HttpClientName(string name) => "Dms.Codegen:" + name;
}
