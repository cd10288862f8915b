/// Tenants, tokens, cookies, refresh policy, providers, metrics: pure, no sockets.
public enum EngineModule {}
