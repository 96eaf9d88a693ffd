package org.peelgraph.neo4j;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neo4j.bolt.BoltServer;
import org.neo4j.bolt.protocol.common.connector.Connector;
import org.neo4j.bolt.protocol.common.connector.connection.Connection;
import org.neo4j.bolt.protocol.common.connector.listener.ConnectorListener;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/**
 * Bolt over WebSocket for the origins peelgraph allows only (Neo4j Browser's own page).
 *
 * Neo4j's Bolt port takes a WebSocket upgrade from any web page: a page on any site the user visits could
 * talk Bolt to the managed Neo4j. Neo4j has no setting for it, so this extension puts a handler first on every
 * Bolt connection: a plain HTTP request (the WebSocket upgrade) with an Origin header not in the system
 * property `peelgraph.bolt.allowed_origins` (comma-separated) is answered 403 and closed; anything else, Bolt
 * from a driver included, passes untouched. Built by `peelgraph neo4j start` against the pinned Neo4j jars
 * (peelgraph/neo4j_server.py); tests/test_neo4j_security.py fails if a Neo4j update breaks it.
 */
public class OriginGuard extends ExtensionFactory<OriginGuard.Dependencies> {
    public static final String ALLOWED_ORIGINS = "peelgraph.bolt.allowed_origins";

    public interface Dependencies {
        BoltServer boltServer();
    }

    public OriginGuard() {
        super(ExtensionType.GLOBAL, "peelgraph-origin-guard");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        Set<String> allowed = Set.of(System.getProperty(ALLOWED_ORIGINS, "").split(","));
        return new LifecycleAdapter() {
            @Override
            public void start() {
                for (Connector connector : dependencies.boltServer().getConnectors()) {
                    connector.registerListener(new ConnectorListener() {
                        @Override
                        public void onConnectionCreated(Connection connection) {
                            connection.modifyPipeline(pipeline -> pipeline.addFirst("peelgraph-origin-guard", new Guard(allowed)));
                        }
                    });
                }
            }
        };
    }

    static final class Guard extends ByteToMessageDecoder {
        private static final int MAX_HEAD = 16384;
        private static final String BODY = "Bolt over WebSocket is refused to this origin\n";
        private static final byte[] REFUSED = ("HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: "
            + BODY.length() + "\r\nconnection: close\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);

        private final Set<String> allowed;

        Guard(Set<String> allowed) {
            this.allowed = allowed;
        }

        @Override
        protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
            if (in.readableBytes() < 4) {
                return;
            }
            if (!in.toString(in.readerIndex(), 4, StandardCharsets.US_ASCII).equals("GET ")) {
                context.pipeline().remove(this);  // Bolt from a driver: what was read goes on to Neo4j
                return;
            }
            int readable = Math.min(in.readableBytes(), MAX_HEAD);
            String head = in.toString(in.readerIndex(), readable, StandardCharsets.ISO_8859_1);
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (in.readableBytes() >= MAX_HEAD) {
                    context.close();
                }
                return;  // wait for the rest of the request's head
            }
            String origin = origin(head.substring(0, end));
            if (origin != null && !allowed.contains(origin)) {
                in.skipBytes(in.readableBytes());
                context.writeAndFlush(Unpooled.wrappedBuffer(REFUSED)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            context.pipeline().remove(this);
        }

        private static String origin(String head) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("origin")) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
