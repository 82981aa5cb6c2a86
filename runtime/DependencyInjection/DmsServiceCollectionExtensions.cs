using System;
using System.Net.Http;
using Dms.Codegen.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Codegen.DependencyInjection;

/// <summary>
/// Registers generated clients on <see cref="IHttpClientFactory"/>. Generated <c>Add{Client}</c> methods are one
/// call into these with a factory for their own client type, so no reflection is needed.
/// </summary>
public static class DmsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (and <typeparamref name="TService"/>) under <paramref name="name"/>,
    /// configured from a configuration section (see <see cref="DmsConfiguration"/> for its keys; an unknown key is
    /// an error at startup).
    /// </summary>
    public static IHttpClientBuilder AddDmsClient<TService, TClient>(
        this IServiceCollection services,
        string name,
        IConfiguration configuration,
        Func<DmsClientOptions, IHttpClientFactory, string, TClient> create)
        where TService : class
        where TClient : class, TService
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDmsClient<TService, TClient>(name, options => DmsConfiguration.Bind(configuration, options), create);
    }

    /// <summary>
    /// Registers <typeparamref name="TClient"/> (and <typeparamref name="TService"/>) under <paramref name="name"/>:
    /// one instance per name, as a keyed singleton for that name and, for the default name, as a plain singleton
    /// too. The instance takes a fresh <see cref="HttpClient"/> from the factory for every call, so handler
    /// rotation keeps working, and the named client's chain ends in a <see cref="DmsSigningHandler"/> that runs
    /// innermost, after whatever is added to the returned builder (a resilience handler's retries are signed
    /// afresh). The options are validated when the host starts. HttpClientFactory's own request loggers are
    /// removed because they would write signatures and tokens; the DMS client logs each attempt without them.
    /// </summary>
    public static IHttpClientBuilder AddDmsClient<TService, TClient>(
        this IServiceCollection services,
        string name,
        Action<DmsClientOptions> configure,
        Func<DmsClientOptions, IHttpClientFactory, string, TClient> create)
        where TService : class
        where TClient : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(create);
        services.AddOptions<DmsClientOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DmsClientOptions>, DmsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, DmsSigningFilter>());

        // HttpClientFactory's default loggers (Microsoft.Extensions.Http 8.x) write the full URI (a V1 request
        // carries Signature and SecurityToken in its query) and, at Trace, every header value (Authorization,
        // x-acs-security-token). The client logs one line per attempt itself, so they are removed here.
        var httpClientName = HttpClientName(name);
        var builder = services.AddHttpClient(httpClientName).RemoveAllLoggers();

        services.AddKeyedSingleton<TClient>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<DmsClientOptions>>().Get(name);
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return create(options, provider.GetRequiredService<IHttpClientFactory>(), httpClientName);
        });
        if (typeof(TService) != typeof(TClient))
        {
            services.AddKeyedSingleton<TService>(name, static (provider, key) => provider.GetRequiredKeyedService<TClient>(key));
        }

        if (name == Options.DefaultName)
        {
            services.TryAddSingleton(static provider => provider.GetRequiredKeyedService<TClient>(Options.DefaultName));
            services.TryAddSingleton<TService>(static provider => provider.GetRequiredKeyedService<TClient>(Options.DefaultName));
        }

        return builder;
    }

    /// <summary>The name of the <see cref="HttpClient"/> a DMS client registered under <paramref name="name"/> uses, for further configuration.</summary>
    public static string HttpClientName(string name) => Prefix + name;

    internal const string Prefix = "Dms.Codegen:";

    /// <summary>Puts the signing handler innermost in every DMS client's chain, around the primary handler, after everything else was added.</summary>
    private sealed class DmsSigningFilter : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name?.StartsWith(Prefix, StringComparison.Ordinal) == true)
            {
                // A handler that follows redirects would resend a signed request (its STS token header, a V1 body's
                // signature) to whatever host the Location names, below the signing handler; a 3xx is an error instead.
                switch (builder.PrimaryHandler)
                {
                    case HttpClientHandler { AllowAutoRedirect: true } handler: handler.AllowAutoRedirect = false; break;
                    case SocketsHttpHandler { AllowAutoRedirect: true } handler: handler.AllowAutoRedirect = false; break;
                }

                // Wrapping the primary handler (rather than adding to AdditionalHandlers) keeps it innermost even
                // when a later filter adds handlers of its own.
                builder.PrimaryHandler = new DmsSigningHandler(builder.PrimaryHandler);
            }
        };
    }

    /// <summary>Options are checked as the client would check them, at startup (ValidateOnStart) rather than on the first call.</summary>
    private sealed class DmsOptionsValidator : IValidateOptions<DmsClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, DmsClientOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException exception)
            {
                return ValidateOptionsResult.Fail($"DMS client '{name}': {exception.Message}");
            }
        }
    }
}
