package io.tarn.gateway.s3.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the buckets out of a ListBuckets answer ({@code ListAllMyBucketsResult}), streaming, without DTDs. */
final class BucketListing {
    private BucketListing() {}

    /** @throws IOException when the document is not a bucket list */
    static List<UpstreamBucket> parse(InputStream xml) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<UpstreamBucket> buckets = new ArrayList<>();
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(xml);
            String name = null;
            String created = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Bucket" -> {
                            name = null;
                            created = null;
                        }
                        case "Name" -> name = reader.getElementText().trim();
                        case "CreationDate" -> created = reader.getElementText().trim();
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("Bucket")) {
                    buckets.add(bucket(name, created));
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("Invalid ListBuckets answer: " + e.getMessage(), e);
        }
        return buckets;
    }

    private static UpstreamBucket bucket(String name, String created) throws IOException {
        if (name == null || name.isEmpty()) {
            throw new IOException("Invalid ListBuckets answer: a Bucket without a Name");
        }
        try {
            return new UpstreamBucket(name, created == null ? Instant.EPOCH : Instant.parse(created));
        } catch (DateTimeParseException e) {
            throw new IOException("Invalid ListBuckets answer: bucket '" + name + "' has CreationDate '" + created + "'", e);
        }
    }
}
