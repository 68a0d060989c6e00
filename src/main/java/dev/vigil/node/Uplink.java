package dev.vigil.node;

import java.io.IOException;
import java.util.List;

/** How a node's observations reach the centre: HTTP to one server, or a NATS JetStream stream shared by several. */
interface Uplink extends AutoCloseable {

    /** Delivers the batch or throws; an exception leaves it buffered for the next try. */
    void send(List<DiskBuffer.Item> batch) throws IOException;

    /** The centre refused the batch for good (a bad token, a malformed batch): retrying the same will not help. */
    final class Refused extends IOException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    void close();
}
