package io.tarn.gateway.s3;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Parsing of small XML request bodies, with DTDs and external entities refused. */
final class Xml {
    private Xml() {
    }

    /** @throws S3Error MalformedXML when the body is not XML with that root element */
    static Element parse(byte[] body, String rootName) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Element root = b.parse(new ByteArrayInputStream(body)).getDocumentElement();
            if (!rootName.equals(localName(root))) {
                throw new S3Error("MalformedXML", 400, "The XML you provided was not well-formed or did not validate: expected a "
                        + rootName + " document, got " + localName(root));
            }
            return root;
        } catch (S3Error e) {
            throw e;
        } catch (Exception e) {
            throw new S3Error("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema: "
                    + e.getMessage());
        }
    }

    /** The text of the first direct child element with that name, or {@code null}. */
    static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && name.equals(localName(e))) {
                return e.getTextContent();
            }
        }
        return null;
    }

    static String localName(Element e) {
        String name = e.getTagName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
