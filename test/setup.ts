// @peculiar/x509 uses tsyringe, which needs reflect-metadata loaded first.
import "reflect-metadata";
