package io.tarn.gateway.s3;

/** The one ACL Tarn answers with: the caller owns everything, with full control. */
final class Acl {
    private Acl() {
    }

    static void owner(S3Xml xml, String accessKeyId) {
        xml.open("Owner").element("ID", accessKeyId).element("DisplayName", accessKeyId).close("Owner");
    }

    static S3Xml ownerFullControl(String accessKeyId) {
        S3Xml xml = new S3Xml().root("AccessControlPolicy");
        owner(xml, accessKeyId);
        return xml.open("AccessControlList")
                .open("Grant")
                .append("<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">")
                .element("ID", accessKeyId).element("DisplayName", accessKeyId).close("Grantee")
                .element("Permission", "FULL_CONTROL")
                .close("Grant")
                .close("AccessControlList")
                .close("AccessControlPolicy");
    }
}
