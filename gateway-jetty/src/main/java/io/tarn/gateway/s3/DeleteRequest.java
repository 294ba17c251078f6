package io.tarn.gateway.s3;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The body of DeleteObjects: up to 1,000 keys, each with an optional ETag condition, and whether to report only errors. */
record DeleteRequest(List<Target> targets, boolean quiet) {
    /** One object to delete; with an ETag, only while it is that version. */
    record Target(String key, String etag) {
    }

    static final int MAX_KEYS = 1000;

    static DeleteRequest parse(byte[] body) {
        Element root = Xml.parse(body, "Delete");
        List<Target> keys = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && "Object".equals(Xml.localName(e))) {
                String key = Xml.child(e, "Key");
                if (key == null) {
                    throw new S3Error("MalformedXML", 400, "An Object element of the Delete request has no Key");
                }
                keys.add(new Target(key, Xml.child(e, "ETag")));
            }
        }
        if (keys.isEmpty()) {
            throw new S3Error("MalformedXML", 400, "The Delete request names no Object");
        }
        if (keys.size() > MAX_KEYS) {
            throw new S3Error("MalformedXML", 400, "The Delete request names " + keys.size() + " objects, more than " + MAX_KEYS);
        }
        return new DeleteRequest(keys, "true".equalsIgnoreCase(Xml.child(root, "Quiet")));
    }
}
