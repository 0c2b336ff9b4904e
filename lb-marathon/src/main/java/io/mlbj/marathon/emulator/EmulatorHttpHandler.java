package io.mlbj.marathon.emulator;

import static io.mlbj.marathon.emulator.MarathonEventJson.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

/** Answers the subset of Marathon's HTTP API that marathon-lb, zdd.py and operators use. */
final class EmulatorHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String APPS = "/v2/apps";

    private final MarathonEmulator emulator;

    EmulatorHttpHandler(MarathonEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        emulator.recordRequest(request);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (!emulator.authorized(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            FullHttpResponse response = json(HttpResponseStatus.UNAUTHORIZED, message("Invalid username or password."));
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Mesosphere\"");
            send(ctx, request, response);
            return;
        }
        String leader = emulator.leaderRedirect();
        if (leader != null && path.startsWith("/v2/")) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.TEMPORARY_REDIRECT);
            response.headers().set(HttpHeaderNames.LOCATION, leader + request.uri());
            send(ctx, request, response);
            return;
        }
        try {
            if (path.equals("/v2/events") && request.method().equals(HttpMethod.GET)) {
                openEventStream(ctx, request, uri);
            } else {
                send(ctx, request, route(request, uri, path));
            }
        } catch (EmulatorException e) {
            send(ctx, request, json(HttpResponseStatus.valueOf(e.status()), message(e.getMessage())));
        } catch (JsonProcessingException e) {
            send(ctx, request, json(HttpResponseStatus.BAD_REQUEST, message("Invalid JSON: " + e.getOriginalMessage())));
        }
    }

    private FullHttpResponse route(FullHttpRequest request, QueryStringDecoder uri, String path)
            throws JsonProcessingException {
        HttpMethod method = request.method();
        EmulatedApps apps = emulator.apps();
        if (path.equals("/ping") && method.equals(HttpMethod.GET)) {
            return text(HttpResponseStatus.OK, "pong\n", "text/plain; charset=utf-8");
        }
        if (path.equals("/v2/info") && method.equals(HttpMethod.GET)) {
            return json(HttpResponseStatus.OK, info());
        }
        if (path.equals("/v2/leader") && method.equals(HttpMethod.GET)) {
            ObjectNode leader = JSON.createObjectNode().put("leader", emulator.hostAndPort());
            return json(HttpResponseStatus.OK, leader);
        }
        if (path.equals(APPS)) {
            if (method.equals(HttpMethod.GET)) {
                return appsList(uri.parameters().getOrDefault("embed", List.of()).contains("apps.tasks"));
            }
            if (method.equals(HttpMethod.POST)) {
                return json(HttpResponseStatus.CREATED, apps.create(body(request)));
            }
        }
        if (path.startsWith(APPS + "/")) {
            String rest = path.substring(APPS.length());
            int tasksAt = rest.indexOf("/tasks/");
            if (tasksAt > 0 && method.equals(HttpMethod.DELETE)) {
                boolean scale = uri.parameters().getOrDefault("scale", List.of()).contains("true");
                return json(HttpResponseStatus.OK,
                        apps.killTask(rest.substring(0, tasksAt), rest.substring(tasksAt + "/tasks/".length()), scale));
            }
            if (method.equals(HttpMethod.GET)) {
                return json(HttpResponseStatus.OK, apps.get(rest));
            }
            if (method.equals(HttpMethod.PUT)) {
                return json(HttpResponseStatus.OK, apps.update(rest, body(request)));
            }
            if (method.equals(HttpMethod.DELETE)) {
                return json(HttpResponseStatus.OK, apps.delete(rest));
            }
        }
        return json(HttpResponseStatus.NOT_FOUND, message("Not found: " + method + " " + path));
    }

    private FullHttpResponse appsList(boolean embedTasks) {
        emulator.countAppsRequest();
        switch (emulator.appsFault()) {
            case HTTP_500:
                return json(HttpResponseStatus.INTERNAL_SERVER_ERROR, message("emulated internal server error"));
            case INVALID_JSON:
                return text(HttpResponseStatus.OK, "{\"apps\": [{\"id\": \"/broken\", ", "application/json");
            default:
                return json(HttpResponseStatus.OK, emulator.apps().list(embedTasks));
        }
    }

    private void openEventStream(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(response, true);
        ctx.writeAndFlush(response);
        List<String> types = uri.parameters().getOrDefault("event_type", List.of());
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "";
        // subscribe before greeting: a client that saw event_stream_attached must not miss the next event;
        // other threads' writes are queued behind this handler on the event loop, so the greeting stays first
        emulator.eventStreams().add(ctx.channel(), new HashSet<>(types));
        emulator.eventStreams().publishTo(ctx.channel(), MarathonEventJson.streamAttached(remote, emulator.now()));
    }

    private ObjectNode info() {
        ObjectNode info = JSON.createObjectNode();
        info.put("name", "marathon");
        info.put("version", "1.5.2");
        info.put("buildref", "emulator");
        info.put("elected", true);
        info.put("leader", emulator.hostAndPort());
        info.put("frameworkId", "emulator-framework-0000");
        ObjectNode config = info.putObject("marathon_config");
        config.put("master", "emulated");
        config.put("local_port_min", 10000);
        config.put("local_port_max", 20000);
        ObjectNode http = info.putObject("http_config");
        http.put("http_port", emulator.port());
        info.putObject("event_subscriber").put("type", "http_callback");
        return info;
    }

    private static JsonNode body(FullHttpRequest request) throws JsonProcessingException {
        String text = request.content().toString(StandardCharsets.UTF_8);
        JsonNode node = JSON.readTree(text.isEmpty() ? "{}" : text);
        return node == null ? JSON.createObjectNode() : node;
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text);
    }

    private static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        return text(status, body.toString(), "application/json; qs=2");
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
