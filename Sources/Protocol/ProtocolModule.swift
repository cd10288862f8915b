/// The HTTP/1.1 subset codec: pure, no I/O.
public enum ProtocolModule {}
