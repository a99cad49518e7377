package org.jcm.registry.site.web;

/**
 * A page that cannot be shown, with the HTTP status, the stable rule code and a message a reader can act on: the site's
 * own (a malformed lookup) or a service's problem passed on as it came.
 */
public class SiteProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    public SiteProblem(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** JCM-REQ-001: a parameter of the page is not what it should be. */
    public static SiteProblem badRequest(String detail) {
        return new SiteProblem(400, "JCM-REQ-001", "Invalid request", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
