package dev.vigil.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real RTSP server for tests. FFmpeg's RTSP muxer cannot listen (only its demuxer can), so the ffmpeg program
 * encodes a video file in a loop to RTP on a local UDP port, and this class answers RTSP (OPTIONS, DESCRIBE, SETUP,
 * PLAY) and relays the RTP packets to each playing client, interleaved over TCP or to its UDP ports. The RTSP side
 * can be killed and restarted on the same port while the "camera" keeps running.
 */
final class RtspRelay implements AutoCloseable {
    private final Process ffmpeg;
    private final DatagramSocket rtpIn;
    private final DatagramSocket rtcpIn;
    private final String sdp;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private final Thread forwarder;

    private record Client(Socket socket, OutputStream out, InetSocketAddress udpTarget) {
    }

    RtspRelay(Path video) throws IOException, InterruptedException {
        rtpIn = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = rtpIn.getLocalPort();
        rtcpIn = bindOrNull(port + 1);
        Path sdpFile = Files.createTempFile("vigil-rtsp-", ".sdp");
        ffmpeg = FfmpegProgram.command(List.of("-re", "-stream_loop", "-1",
                "-i", video.toString(), "-an", "-r", "15", "-c:v", "mpeg4", "-q:v", "4", "-g", "8", "-f", "rtp",
                "-sdp_file", sdpFile.toString(), "rtp://127.0.0.1:" + port + "?pkt_size=1200"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Files.size(sdpFile) == 0 && System.nanoTime() < deadline) Thread.sleep(50);
        String raw = Files.readString(sdpFile);
        if (raw.isBlank()) throw new IOException("ffmpeg wrote no SDP");
        sdp = raw.replaceAll("m=video \\d+", "m=video 0").replaceAll("c=IN IP4 [0-9.]+", "c=IN IP4 0.0.0.0").strip()
                + "\r\na=control:trackID=0\r\n";
        forwarder = new Thread(this::forward, "rtsp-relay-forward");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    private static DatagramSocket bindOrNull(int port) {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return null;
        }
    }

    /** Starts answering RTSP on {@code port} (0 picks one); returns the port. */
    int serve(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread t = new Thread(() -> accept(s), "rtsp-relay-accept");
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    /** Kills the RTSP side: the listening socket and every client connection. */
    void kill() throws IOException {
        ServerSocket s = server;
        if (s != null) s.close();
        for (Client c : clients) c.socket().close();
        clients.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                Thread t = new Thread(() -> session(socket), "rtsp-relay-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            InetSocketAddress udpTarget = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String method = line.split(" ")[0], url = line.split(" ")[1];
                String cseq = "0", transport = "";
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    String lower = line.toLowerCase();
                    if (lower.startsWith("cseq:")) cseq = line.substring(5).trim();
                    if (lower.startsWith("transport:")) transport = line.substring(10).trim();
                }
                String headers = "", body = "";
                switch (method) {
                    case "OPTIONS" -> headers = "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n";
                    case "DESCRIBE" -> {
                        body = sdp;
                        headers = "Content-Base: " + url + "/\r\nContent-Type: application/sdp\r\n";
                    }
                    case "SETUP" -> {
                        if (transport.contains("TCP")) {
                            headers = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 4242\r\n";
                        } else {
                            Matcher m = Pattern.compile("client_port=(\\d+)").matcher(transport);
                            if (!m.find()) throw new IOException("no client_port in " + transport);
                            udpTarget = new InetSocketAddress(socket.getInetAddress(), Integer.parseInt(m.group(1)));
                            headers = "Transport: RTP/AVP;unicast;client_port=" + m.group(1) + "-" + (Integer.parseInt(m.group(1)) + 1)
                                    + ";server_port=" + rtpIn.getLocalPort() + "-" + (rtpIn.getLocalPort() + 1) + "\r\nSession: 4242\r\n";
                        }
                    }
                    case "PLAY" -> headers = "Session: 4242\r\n";
                    default -> headers = "Session: 4242\r\n";
                }
                byte[] b = body.getBytes(StandardCharsets.US_ASCII);
                synchronized (out) {
                    out.write(("RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n" + headers + "Content-Length: " + b.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(b);
                    out.flush();
                }
                if (method.equals("PLAY")) clients.add(new Client(socket, out, udpTarget));
                if (method.equals("TEARDOWN")) return;
            }
        } catch (IOException e) {
            // client or server gone
        } finally {
            clients.removeIf(c -> c.socket() == socket);
        }
    }

    private void forward() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try (DatagramSocket udpOut = new DatagramSocket()) {
            while (!rtpIn.isClosed()) {
                rtpIn.receive(p);
                int n = p.getLength();
                for (Client c : clients) {
                    try {
                        if (c.udpTarget() != null) {
                            udpOut.send(new DatagramPacket(buf, n, c.udpTarget()));
                        } else {
                            synchronized (c.out()) {
                                c.out().write(new byte[] {'$', 0, (byte) (n >> 8), (byte) n});
                                c.out().write(buf, 0, n);
                                c.out().flush();
                            }
                        }
                    } catch (IOException e) {
                        clients.remove(c);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        kill();
        ffmpeg.destroy();
        try {
            if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) ffmpeg.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rtpIn.close();
        if (rtcpIn != null) rtcpIn.close();
    }
}
