/* alliance-site behaviour */
