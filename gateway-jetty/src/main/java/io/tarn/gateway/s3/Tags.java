package io.tarn.gateway.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Object tags: the {@code x-amz-tagging} header (URL-encoded pairs) and the Tagging XML document. */
final class Tags {
    private static final int MAX_TAGS = 10;

    private Tags() {
    }

    static Map<String, String> fromHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&")) {
            int eq = pair.indexOf('=');
            String k = S3Call.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String v = eq < 0 ? "" : S3Call.decode(pair.substring(eq + 1), true);
            tags.put(k, v);
        }
        return check(tags);
    }

    static Map<String, String> parse(byte[] body) {
        Element root = Xml.parse(body, "Tagging");
        Map<String, String> tags = new LinkedHashMap<>();
        NodeList list = root.getElementsByTagName("Tag");
        for (int i = 0; i < list.getLength(); i++) {
            Element tag = (Element) list.item(i);
            String key = Xml.child(tag, "Key");
            if (key == null) {
                throw new S3Error("MalformedXML", 400, "A Tag element has no Key");
            }
            String value = Xml.child(tag, "Value");
            if (tags.put(key, value == null ? "" : value) != null) {
                throw new S3Error("InvalidTag", 400, "The tag key '" + key + "' appears more than once");
            }
        }
        return check(tags);
    }

    static S3Xml toXml(Map<String, String> tags) {
        S3Xml xml = new S3Xml().root("Tagging").open("TagSet");
        new TreeMap<>(tags).forEach((k, v) -> xml.open("Tag").element("Key", k).element("Value", v).close("Tag"));
        return xml.close("TagSet").close("Tagging");
    }

    private static Map<String, String> check(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new S3Error("BadRequest", 400, "Object tags cannot be greater than " + MAX_TAGS + ": got " + tags.size());
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 128 || e.getValue().length() > 256) {
                throw new S3Error("InvalidTag", 400, "Invalid tag '" + e.getKey() + "': keys are 1 to 128 characters, values up to 256");
            }
        }
        return tags;
    }
}
